package ru.newsmed.imagegen.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * strace attached to this very JVM while a test does one thing: the system calls it names, one
 * line each as strace prints them, every file descriptor shown with its path ({@code -y}), in the
 * order they were made. Or, like a failing disk, those calls on one path made to fail with EIO.
 * Where strace is not installed or may not attach (no CAP_SYS_PTRACE) the test is skipped, saying so.
 */
public final class SyscallTrace implements AutoCloseable {

    private final Process strace;
    private final Path output;
    private final Path messages;

    private SyscallTrace(Process strace, Path output, Path messages) {
        this.strace = strace;
        this.output = output;
        this.messages = messages;
    }

    /** Records every call of {@code syscalls} (a comma-separated list) until closed. */
    public static SyscallTrace recording(String syscalls) throws IOException {
        return attach(List.of("-e", "trace=" + syscalls));
    }

    /** Fails every call of {@code syscall} on {@code path} itself (not on what it holds) with EIO until closed. */
    public static SyscallTrace failing(String syscall, Path path) throws IOException {
        return attach(List.of("-P", path.toString(), "-e", "trace=" + syscall, "-e", "inject=" + syscall + ":error=EIO"));
    }

    private static SyscallTrace attach(List<String> options) throws IOException {
        Path output = Files.createTempFile("strace-", ".trace");
        Path messages = Files.createTempFile("strace-", ".log");
        List<String> command = new ArrayList<>(List.of("strace", "-f", "-y", "-e", "signal=none", "-o", output.toString()));
        command.addAll(options);
        command.addAll(List.of("-p", String.valueOf(ProcessHandle.current().pid())));
        Process strace;
        try {
            strace = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(messages.toFile()).start();
        } catch (IOException notInstalled) {
            Assumptions.abort("strace is not installed: " + notInstalled.getMessage());
            throw notInstalled;
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !strace.isAlive() || Files.readString(messages).contains(" attached"));
        if (!strace.isAlive()) {
            Assumptions.abort("strace cannot attach to this JVM: " + Files.readString(messages).strip());
        }
        return new SyscallTrace(strace, output, messages);
    }

    /** Detaches (strace leaves the JVM running as it was) and gives what was recorded. */
    public List<String> calls() throws IOException {
        detach();
        return Files.readAllLines(output);
    }

    @Override
    public void close() throws IOException {
        detach();
        Files.deleteIfExists(output);
        Files.deleteIfExists(messages);
    }

    private void detach() throws IOException {
        if (strace.isAlive()) {
            strace.destroy();
            try {
                if (!strace.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("strace did not detach: " + Files.readString(messages));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

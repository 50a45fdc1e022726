package ru.newsmed.imagegen.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.management.OperatingSystemMXBean;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import ru.newsmed.imagegen.support.PackagedService;

/**
 * The packaged service in a process of its own ({@link PackagedService}: its image folder and inbox
 * live in its working folder, its settings are environment variables), measured: the time to a
 * healthy {@code /health}, the process's peak resident set (the kernel's {@code VmHWM}) and,
 * through the JVM's own management beans (attached after start-up, so start-up is not slowed), the
 * peak of live platform threads and of used heap and the CPU time over a phase.
 */
final class ServiceProcess implements AutoCloseable {

    /**
     * What the service used over one phase: its peak of live platform threads (ThreadMXBean's
     * count, which leaves virtual threads out), its peak of used heap (sampled every 10 ms), the
     * CPU time it spent, and the process's peak resident set since launch ({@code VmHWM}).
     */
    record Usage(int peakPlatformThreads, long peakHeapBytes, long cpuNanos, long peakRssBytes) {

        double peakHeapMegabytes() {
            return peakHeapBytes / (1024.0 * 1024.0);
        }

        double peakRssMegabytes() {
            return megabytes(peakRssBytes);
        }

        /** CPU milliseconds per unit of work (a generation). */
        double cpuMillisPer(int count) {
            return cpuNanos / 1e6 / count;
        }
    }

    private final PackagedService service;
    private JMXConnector jmx;
    private MemoryMXBean memory;
    private ThreadMXBean threads;
    private OperatingSystemMXBean system;

    private ServiceProcess(PackagedService service) {
        this.service = service;
    }

    /** Starts {@code java [jvmOptions] -jar jar} in {@code folder} with {@code settings} added to the environment. */
    static ServiceProcess launch(Path jar, Path folder, Map<String, String> settings, List<String> jvmOptions)
            throws IOException {
        return new ServiceProcess(PackagedService.launch(jar, folder, settings, jvmOptions));
    }

    /**
     * The jar extracted the way Spring Boot documents ({@code -Djarmode=tools extract}): the jar to
     * launch is {@code folder/app/<jar's name>}, its dependencies in {@code folder/app/lib}.
     */
    static Path extract(Path jar, Path folder) throws IOException, InterruptedException {
        Path app = folder.resolve("app");
        Files.createDirectories(folder);
        run(new ProcessBuilder(PackagedService.java(), "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract",
                "--destination", app.toAbsolutePath().toString()), folder.resolve("extract.log"));
        return app.resolve(jar.getFileName());
    }

    /** The class archive of {@link #trainClassArchive}: its kind, for the report, and the JVM options that use it. */
    record ClassArchive(String kind, List<String> jvmOptions) {
    }

    /**
     * One training run of the extracted jar that stops after the context refresh (the routes are
     * started by then) and writes a class archive: on Java 25 and newer the JDK's AOT cache
     * ({@code -XX:AOTCacheOutput}, classes loaded and linked ahead of time, with method profiles),
     * before that a dynamic AppCDS archive ({@code -XX:ArchiveClassesAtExit}). The AOT cache is
     * used with {@code -XX:AOTMode=on}, so that a cache the JVM cannot use stops the launch rather
     * than measuring a start without it.
     */
    static ClassArchive trainClassArchive(Path extractedJar, Path folder, Map<String, String> settings,
                                          List<String> jvmOptions) throws IOException, InterruptedException {
        boolean aot = Runtime.version().feature() >= 25;
        Path archive = folder.resolve(aot ? "app.aot" : "app.jsa").toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(PackagedService.java());
        command.addAll(jvmOptions);
        command.add((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive);
        command.addAll(List.of("-Dspring.context.exit=onRefresh", "-jar", extractedJar.toAbsolutePath().toString()));
        ProcessBuilder training = new ProcessBuilder(command).directory(folder.toFile());
        training.environment().putAll(settings);
        training.environment().put("SERVER_PORT", String.valueOf(PackagedService.freePort()));
        run(training, folder.resolve("training.log"));
        return aot
                ? new ClassArchive("AOT cache", List.of("-XX:AOTCache=" + archive, "-XX:AOTMode=on"))
                : new ClassArchive("AppCDS", List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    }

    private static void run(ProcessBuilder builder, Path log) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", builder.command()) + " failed; see " + log);
        }
    }

    String baseUrl() {
        return service.baseUrl();
    }

    /** Waits for {@code /health} to answer 200; returns the time from launch to that answer. */
    Duration awaitHealthy(Duration atMost) throws IOException, InterruptedException {
        return service.awaitHealthy(atMost);
    }

    /**
     * Runs {@code phase} while watching the service's threads and heap; a full GC first, so that
     * the heap figure is the phase's own and not the garbage of the one before.
     */
    Usage watch(Phase phase) throws Exception {
        attach();
        memory.gc();
        long cpuBefore = system.getProcessCpuTime();
        threads.resetPeakThreadCount();
        AtomicLong peakHeap = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                try {
                    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException lost) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try {
            phase.run();
        } finally {
            running.set(false);
            sampler.join();
        }
        peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        return new Usage(threads.getPeakThreadCount(), peakHeap.get(), system.getProcessCpuTime() - cpuBefore,
                peakRssBytes());
    }

    /**
     * The process's peak resident set since launch: {@code VmHWM} of {@code /proc/<pid>/status}
     * (Linux; -1 elsewhere). It covers start-up too, which is what a memory limit meets.
     */
    long peakRssBytes() {
        Path status = Path.of("/proc", String.valueOf(service.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").strip()) * 1024;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
        return -1;
    }

    static double megabytes(long bytes) {
        return bytes < 0 ? Double.NaN : bytes / (1024.0 * 1024.0);
    }

    /** The CPU time the service has spent so far (read without the heap sampling of {@link #watch}). */
    long cpuNanos() throws IOException {
        attach();
        return system.getProcessCpuTime();
    }

    /** What runs under {@link #watch}. */
    @FunctionalInterface
    interface Phase {
        void run() throws Exception;
    }

    private void attach() throws IOException {
        if (jmx != null) {
            return;
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(String.valueOf(service.pid()));
        } catch (AttachNotSupportedException e) {
            throw new IOException("Cannot attach to the service's JVM", e);
        }
        try {
            jmx = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
        MBeanServerConnection connection = jmx.getMBeanServerConnection();
        memory = ManagementFactory.newPlatformMXBeanProxy(connection, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        threads = ManagementFactory.newPlatformMXBeanProxy(connection, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        system = ManagementFactory.newPlatformMXBeanProxy(connection, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
                OperatingSystemMXBean.class);
    }

    /** Stops the service as an orchestrator would (SIGTERM, then SIGKILL after 30 s). */
    @Override
    public void close() throws IOException, InterruptedException {
        if (jmx != null) {
            jmx.close();
        }
        service.close();
    }
}

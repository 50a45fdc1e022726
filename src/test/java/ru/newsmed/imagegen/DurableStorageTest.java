package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.SyscallTrace;

/**
 * A stored image and its record survive a power cut once the answer is given: each file is flushed
 * to the disk before it is renamed into place, the folder is flushed after both renames, and a
 * folder that cannot be flushed fails the store with nothing of it left. Seen in the system calls
 * this JVM really makes (strace attached to it; the tests are skipped where strace cannot attach).
 */
class DurableStorageTest extends ProviderServiceTest {

    private static final String PROMPT = """
            {"prompt": "Врач осматривает пациента"}""";
    /** A call as strace prints it: thread id, name, the arguments (paths hold no parenthesis). */
    private static final Pattern CALL = Pattern.compile("^\\d+\\s+(\\w+)\\(([^)]*)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern FD_PATH = Pattern.compile("<([^>]*)>");

    @Test
    void flushesEachFileBeforeItsRenameAndTheFolderAfterBoth() throws Exception {
        gigachatDraws();
        HttpResponse<String> response;
        List<String> calls;
        try (SyscallTrace trace = SyscallTrace.recording("fsync,fdatasync,rename,renameat,renameat2")) {
            response = generate(PROMPT);
            calls = trace.calls();
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String imageId = json(response).path("image_id").asText();
        Set<Path> folder = Stream.of(storage.toAbsolutePath().normalize(), storage.toRealPath()).collect(Collectors.toSet());
        List<String> story = calls.stream().flatMap(line -> event(line, folder, imageId).stream()).toList();
        assertThat(story).as(String.join("\n", calls)).containsSubsequence(
                "flush .tmp-ID.json", "rename .tmp-ID.json to ID.json",
                "flush .tmp-ID.jpeg", "rename .tmp-ID.jpeg to ID.jpeg",
                "flush the folder");
    }

    @Test
    void failsTheStoreAndLeavesNothingOfItWhenTheFolderCannotBeFlushed() throws Exception {
        gigachatDraws();
        Files.createDirectories(storage);
        Set<String> before = files();
        HttpResponse<String> response;
        try (SyscallTrace disk = SyscallTrace.failing("fsync", storage.toRealPath())) {
            response = generate(PROMPT);
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).isEqualTo("storage_failed");
        assertThat(files()).isEqualTo(before);
    }

    /** A flush or rename in the folder (spelt either way), the image's id written ID; nothing for any other call. */
    private static Optional<String> event(String line, Set<Path> folder, String imageId) {
        Matcher call = CALL.matcher(line);
        if (!call.find()) {
            return Optional.empty();
        }
        String arguments = call.group(2).replace(imageId, "ID");
        Matcher path = (call.group(1).startsWith("rename") ? QUOTED : FD_PATH).matcher(arguments);
        List<String> names = path.results().map(found -> Path.of(found.group(1)))
                .map(found -> folder.contains(found) ? "the folder"
                        : found.getParent() != null && folder.contains(found.getParent()) ? found.getFileName().toString() : "elsewhere")
                .toList();
        if (names.isEmpty() || names.contains("elsewhere")) {
            return Optional.empty();
        }
        return Optional.of(call.group(1).startsWith("rename") ? "rename " + String.join(" to ", names) : "flush " + names.get(0));
    }

    private static Set<String> files() throws IOException {
        try (Stream<Path> files = Files.list(storage)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}

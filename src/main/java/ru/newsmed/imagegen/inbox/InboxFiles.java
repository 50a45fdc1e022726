package ru.newsmed.imagegen.inbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.FileConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.ApiResponses;
import ru.newsmed.imagegen.api.RequestGuard;

/**
 * The watched folder's two ends. In: a {@code *.txt} file is a UTF-8 prompt, a {@code *.json} file
 * a generate request. Out: the file's place and answer: {@code .done/<name>} with
 * {@code <name>.result.json} beside it, or {@code .error/<name>} with {@code <name>.error.json}
 * (the contract's error body), each with the request id. A name already taken there gets a suffix ({@code a-1.txt},
 * {@code a-2.txt}, ...): the answer file is created exclusively first, so two files can never claim
 * the same name and nothing is overwritten. The consumer moves the file itself, to the place
 * {@link #settle} answers (the route keeps it in the variable {@code inboxTarget}), once the
 * exchange is done.
 */
@Component("imagegenInboxFiles")
public class InboxFiles {

    private static final Logger LOG = LoggerFactory.getLogger(InboxFiles.class);

    private final Path inbox;
    private final InboxFileReader reader;
    private final ObjectMapper objectMapper;

    private final ApiResponses responses;

    public InboxFiles(@Value("${imagegen.inbox.dir}") String inbox, ObjectMapper objectMapper, ApiResponses responses) {
        this.inbox = Path.of(inbox).toAbsolutePath().normalize();
        this.reader = new InboxFileReader(this.inbox);
        this.objectMapper = objectMapper;
        this.responses = responses;
    }

    /**
     * The generate request a file holds: the JSON of a .json file, or {"prompt": text} for a .txt
     * file. A link or a file outside the folder is refused unread (InvalidRequestException, field file).
     */
    public Object request(Exchange exchange) {
        byte[] bytes = reader.read(Path.of(exchange.getMessage().getHeader(FileConstants.FILE_ABSOLUTE_PATH, String.class)));
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (name != null && name.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return bytes == null ? new byte[0] : bytes;
        }
        String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        return Map.of("prompt", text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    /**
     * Writes the answer (the body: the response or error Map) beside the file's new place and
     * answers that place, relative to the folder: in .done for a 200, in .error otherwise.
     */
    @SuppressWarnings("unchecked")
    public String settle(Exchange exchange) throws IOException {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        boolean done = status != null && status == 200;
        String folder = done ? ".done" : ".error";
        String suffix = done ? ".result.json" : ".error.json";
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Path dir = Files.createDirectories(inbox.resolve(folder));
        byte[] answer = objectMapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                responses.withRequestId(exchange.getMessage().getBody(Map.class), exchange));
        for (int n = 0; ; n++) {
            String candidate = n == 0 ? name : withSuffix(name, n);
            Path answerFile = dir.resolve(candidate + suffix);
            if (Files.exists(dir.resolve(candidate)) || !reserve(answerFile)) {
                continue;
            }
            Path temporary = dir.resolve(".tmp-" + candidate + suffix);
            Files.write(temporary, answer);
            Files.move(temporary, answerFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Inbox file {} (request {}) answered {}: moved to {}/{}", name,
                    exchange.getProperty(RequestGuard.REQUEST_ID), status, folder, candidate);
            return folder + "/" + candidate;
        }
    }

    private static boolean reserve(Path answerFile) throws IOException {
        try {
            Files.createFile(answerFile);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        }
    }

    /** {@code a.txt} -> {@code a-1.txt}; {@code a} -> {@code a-1}. */
    static String withSuffix(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
    }
}

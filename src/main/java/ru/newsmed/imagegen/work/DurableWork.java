package ru.newsmed.imagegen.work;

import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.AnswerHeaders;
import ru.newsmed.imagegen.api.RequestGuard;
import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ErrorCode;

/**
 * Every generation as durable work ({@code direct:generate-image} calls it): {@link #begin} records
 * it before anything is paid for, or answers what its Idempotency-Key already has (the kept answer
 * again, 409 while it runs, 422 for another body); {@link #ended} records how it ended. A job, or
 * work resumed after a restart, comes already claimed by the worker ({@link WorkQueue}).
 */
@Component("imagegenDurableWork")
public class DurableWork {

    /** Where a request came from, the scope of its key: a variable its entry route sets. */
    public static final String ENTRY = "imagegenEntry";
    /** The request's Idempotency-Key (checked by its entry route), a variable. */
    public static final String KEY = "idempotencyKey";
    private static final Logger LOG = LoggerFactory.getLogger(DurableWork.class);

    private final WorkStore store;
    private final ObjectMapper json;
    private final Counter replays;
    private final Duration requestTimeout;
    private final String instance = UUID.randomUUID().toString();

    public DurableWork(WorkStore store, ObjectMapper json, MeterRegistry meters,
                       @Value("${imagegen.request-timeout}") String requestTimeout) {
        this.store = store;
        this.requestTimeout = DurationStyle.detectAndParse(requestTimeout, ChronoUnit.SECONDS);
        this.json = json;
        this.replays = replays(meters);
    }

    /** imagegen_idempotent_replays_total: one meter for /generate, JMS, the watched folder and /jobs. */
    static Counter replays(MeterRegistry meters) {
        return Counter.builder("imagegen.idempotent.replays")
                .description("Requests answered again from their Idempotency-Key, with no provider call").register(meters);
    }

    /** This process, as the owner of the work it runs. */
    public String instance() {
        return instance;
    }

    /**
     * Records the request as running work, or, for a key already used, answers the kept answer
     * (200 or 422 content_refused, with Idempotent-Replayed), 409 while it runs, 422 for another
     * body; a key whose work failed otherwise is taken over with what it had paid for.
     *
     * The variable {@code keptAnswer}: the kept answer to give again, or null to go on and generate.
     */
    public void begin(@Variable("requestJson") JsonNode request, Exchange exchange) {
        if (exchange.getProperty(Work.PROPERTY) != null) {
            return;
        }
        try {
            exchange.setVariable("keptAnswer", claimOrAnswer(request, exchange));
        } catch (SQLException e) {
            LOG.warn("The database refused request {}: {}", exchange.getProperty(RequestGuard.REQUEST_ID), e.getMessage());
            throw new ApiException(ErrorCode.PROVIDER_UNAVAILABLE, "The service's database cannot be reached; try again later", e);
        }
    }

    private KeptAnswer claimOrAnswer(JsonNode request, Exchange exchange) throws SQLException {
        String entry = exchange.getVariable(ENTRY, "direct", String.class);
        String key = exchange.getVariable(KEY, String.class);
        Work work = new Work(UUID.randomUUID().toString(), Work.REQUEST, entry, key, text(request),
                exchange.getProperty(RequestGuard.REQUEST_ID, String.class), Work.RUNNING, null, null, null, null,
                null, null, 0, null, null);
        if (key == null) {
            // no row yet: it is written when a provider is paid (WorkRow)
            take(exchange, work, false);
            return null;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            if (store.insert(work)) {
                take(exchange, work, true);
                return null;
            }
            Work earlier = store.byKey(entry, key).orElse(null);
            if (earlier == null) {
                continue;
            }
            if (!earlier.sameRequest(request, json)) {
                throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used with another request body");
            }
            if (!earlier.finished()) {
                // A prompt file taken again (after a crash) waits for its work, resumed meanwhile.
                if ("inbox".equals(entry) && store.awaitFinished(earlier.id(), requestTimeout)) {
                    continue;
                }
                throw new ApiException(ErrorCode.REQUEST_IN_PROGRESS, "The request with this Idempotency-Key is still running; try again");
            }
            KeptAnswer kept = KeptAnswer.of(earlier, json);
            if (kept != null) {
                replays.increment();
                AnswerHeaders.add(exchange, "Idempotent-Replayed", "true");
                LOG.info("Request {} answered again from its Idempotency-Key (work {})",
                        exchange.getProperty(RequestGuard.REQUEST_ID), earlier.id());
                return kept;
            }
            if (store.take(earlier.id(), Work.FAILED, Work.RUNNING, instance)) {
                LOG.info("Request {} tries again the work {} of its Idempotency-Key{}", exchange.getProperty(RequestGuard.REQUEST_ID),
                        earlier.id(), earlier.paidFor() ? ", resuming what it had paid for" : "");
                take(exchange, earlier.with(Work.RUNNING), true);
                return null;
            }
            throw new ApiException(ErrorCode.REQUEST_IN_PROGRESS, "The request with this Idempotency-Key is still running; try again");
        }
        throw new ApiException(ErrorCode.REQUEST_IN_PROGRESS, "The request with this Idempotency-Key is still running; try again");
    }

    /** Records how the work ended: the answer (the body) and its status. */
    public void ended(Exchange exchange) {
        WorkRow row = exchange.getProperty(WorkRow.PROPERTY, WorkRow.class);
        if (row == null) {
            return;
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        int code = status == null ? 200 : status;
        Object body = exchange.getMessage().getBody();
        try {
            row.ended(code == 200 ? Work.SUCCEEDED : Work.FAILED, code,
                    body instanceof Map<?, ?> ? json.writeValueAsString(body) : null);
        } catch (SQLException | JsonProcessingException e) {
            // The answer is given all the same; the work stays running and is finished again after a restart.
            LOG.warn("How work {} ended could not be recorded: {}", row.work().id(), e.getMessage());
        }
        // A second generation in the same exchange (a host's loop) is work of its own.
        exchange.removeProperty(Work.PROPERTY);
        exchange.removeProperty(WorkRow.PROPERTY);
    }

    /** The exchange works {@code work} from here on ({@code saved}: its row is in the database). */
    void take(Exchange exchange, Work work, boolean saved) {
        exchange.setProperty(Work.PROPERTY, work);
        exchange.setProperty(WorkRow.PROPERTY, new WorkRow(store, work, saved));
    }

    private String text(JsonNode request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed request is always JSON", e);
        }
    }
}

package ru.newsmed.imagegen.work;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.AnswerHeaders;
import ru.newsmed.imagegen.api.GenerateRequestParser;
import ru.newsmed.imagegen.api.RequestGuard;
import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.errors.InvalidRequestException;
import ru.newsmed.imagegen.callback.CallbackUrls;

/**
 * {@code POST /jobs} and {@code GET /jobs/{job_id}}: a job is a generate request (plus an optional
 * callback_url) queued as durable work and run in the background by the worker route; its status
 * is read back from the database. A key already used gives the same job again (202, same job_id),
 * another body 422; a job that failed with an outcome not kept is queued again by its key.
 */
@Component("imagegenJobs")
public class Jobs {

    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final String STATUS_PATH = "/api/image-generation/jobs/";

    private final WorkStore store;
    private final GenerateRequestParser parser;
    private final ObjectMapper json;
    private final CallbackUrls callbackUrls;
    private final Counter replays;

    public Jobs(WorkStore store, GenerateRequestParser parser, ObjectMapper json, MeterRegistry meters,
                CallbackUrls callbackUrls) {
        this.store = store;
        this.parser = parser;
        this.json = json;
        this.callbackUrls = callbackUrls;
        this.replays = DurableWork.replays(meters);
        for (String status : List.of(Work.QUEUED, Work.RUNNING, Work.SUCCEEDED, Work.FAILED)) {
            Gauge.builder("imagegen.jobs", store, jobs -> count(jobs, status)).tag("status", status)
                    .description("Jobs in the database by status").register(meters);
        }
    }

    /**
     * Queues the job (400 at once for a bad request) and answers 202 with its id (the body); the variable
     * {@code queuedJob} names the job the worker is to be given (null when it has it already).
     */
    public void submit(@Variable("requestJson") JsonNode request, @Variable(DurableWork.KEY) String key,
                                      Exchange exchange) throws SQLException, JsonProcessingException {
        parser.parse(request, exchange);
        JsonNode callback = request.path("callback_url");
        if (!callback.isMissingNode() && !callback.isNull() && !callback.isTextual()) {
            throw new InvalidRequestException("callback_url", "callback_url must be an http or https URL");
        }
        String callbackUrl = callback.isTextual() ? callbackUrls.check(callback.textValue()).toString() : null;
        Work job = new Work(UUID.randomUUID().toString(), Work.JOB, "jobs", key, json.writeValueAsString(request),
                exchange.getProperty(RequestGuard.REQUEST_ID, String.class), Work.QUEUED, null, null, null, null,
                callbackUrl, callbackUrl == null ? null : "pending", 0, null, null);
        String queued = job.id();
        if (!store.insert(job)) {
            job = store.byKey("jobs", key).orElseThrow(() -> new ApiException(ErrorCode.REQUEST_IN_PROGRESS,
                    "The job with this Idempotency-Key is being replaced; try again"));
            if (!job.sameRequest(request, json)) {
                throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used with another request body");
            }
            boolean again = job.finished() && KeptAnswer.of(job, json) == null
                    && store.take(job.id(), Work.FAILED, Work.QUEUED, null);
            // The same job given again is a replay; a failed one queued again is new work, and no replay.
            if (!again) {
                replays.increment();
                AnswerHeaders.add(exchange, "Idempotent-Replayed", "true");
            }
            queued = again ? job.id() : null;
            job = again ? job.with(Work.QUEUED) : job;
        }
        exchange.setVariable("queuedJob", queued);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        AnswerHeaders.add(exchange, "Location", STATUS_PATH + job.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", job.id());
        body.put("status", job.status());
        body.put("status_url", STATUS_PATH + job.id());
        exchange.getMessage().setBody(body);
    }

    /** The job's status body; 404 for an unknown id. */
    public Map<String, Object> status(@Header("job_id") String jobId) throws SQLException, JsonProcessingException {
        Work job = jobId == null || !JOB_ID.matcher(jobId).matches() ? null : store.byId(jobId).filter(Work::job).orElse(null);
        if (job == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No such job");
        }
        return body(job);
    }

    /**
     * The ended job's status body, to be sent to its callback_url (the variable callbackUrl; null
     * for work that is no job or has none).
     */
    public void callbackOf(@Body String workId, Exchange exchange) throws SQLException, JsonProcessingException {
        Work job = store.byId(workId).filter(Work::job).orElse(null);
        exchange.setVariable("jobId", workId);
        exchange.setVariable("callbackUrl", job == null || !job.finished() ? null : job.callbackUrl());
        exchange.getMessage().setBody(job == null ? null : body(job));
    }

    /** Records how the job's callback went (imagegen-job-callback's headers). */
    public void callbackSent(@Variable("jobId") String jobId, @Header("ImageGenCallbackDelivered") Boolean delivered,
                             @Header("ImageGenCallbackAttempts") Integer attempts) throws SQLException {
        store.callback(jobId, Boolean.TRUE.equals(delivered) ? "delivered" : "failed", attempts == null ? 0 : attempts);
    }

    /** What GET /jobs/{job_id} answers, and what the callback is sent. */
    public Map<String, Object> body(Work job) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", job.id());
        body.put("status", job.status());
        body.put("created_at", job.createdAt().toString());
        body.put("updated_at", job.updatedAt().toString());
        if (job.finished() && job.responseJson() != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = json.readValue(job.responseJson(), Map.class);
            if (Work.SUCCEEDED.equals(job.status())) {
                body.put("result", answer);
            } else {
                answer.put("status", job.httpStatus());
                body.put("error", answer);
            }
        }
        return body;
    }

    private static double count(WorkStore store, String status) {
        try {
            return store.jobsByStatus().getOrDefault(status, 0L);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}

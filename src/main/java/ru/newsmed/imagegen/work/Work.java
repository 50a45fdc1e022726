package ru.newsmed.imagegen.work;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One durable generation as the database keeps it: a job, or a request answered to its caller
 * (with or without an Idempotency-Key), what it has paid for at each provider (resumed after a
 * restart instead of drawn or started again), and how it ended. It travels with its generation
 * as the exchange property {@link #PROPERTY}.
 */
public record Work(String id, String kind, String entry, String idempotencyKey, String requestJson,
                   String requestId, String status, Integer httpStatus, String responseJson,
                   String gigachatFileId, String yandexOperationId, String callbackUrl,
                   String callbackState, int callbackAttempts, Instant createdAt, Instant updatedAt) {

    public static final String PROPERTY = "imagegenWork";
    public static final String JOB = "job";
    public static final String REQUEST = "request";
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public boolean job() {
        return JOB.equals(kind);
    }

    public boolean finished() {
        return SUCCEEDED.equals(status) || FAILED.equals(status);
    }

    /** Whether a provider was paid already (a GigaChat file drawn, a YandexART operation started). */
    public boolean paidFor() {
        return gigachatFileId != null || yandexOperationId != null;
    }

    /** Whether {@code request} is the request of this work, compared as parsed JSON (spacing and key order aside). */
    public boolean sameRequest(JsonNode request, ObjectMapper json) {
        try {
            return json.readTree(requestJson).equals(request);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** The same work, having paid for this file or operation. */
    public Work paid(String fileId, String operationId) {
        return new Work(id, kind, entry, idempotencyKey, requestJson, requestId, status, httpStatus, responseJson,
                fileId != null ? fileId : gigachatFileId, operationId != null ? operationId : yandexOperationId,
                callbackUrl, callbackState, callbackAttempts, createdAt, Instant.now());
    }

    /** The same work, now in {@code newStatus}. */
    public Work with(String newStatus) {
        return new Work(id, kind, entry, idempotencyKey, requestJson, requestId, newStatus, httpStatus, responseJson,
                gigachatFileId, yandexOperationId, callbackUrl, callbackState, callbackAttempts, createdAt, Instant.now());
    }
}

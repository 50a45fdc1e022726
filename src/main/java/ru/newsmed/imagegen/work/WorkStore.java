package ru.newsmed.imagegen.work;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.db.ImagegenDatabase;

/**
 * The table {@code imagegen_work}: every statement the durable work runs. A key is unique per
 * entry (a unique index), so of concurrent duplicates exactly one insert wins; a change of status
 * names the status it expects, so of two takers exactly one wins. Rows and keys live for
 * {@code IMAGE_IDEMPOTENCY_TTL}.
 */
@Component("imagegenWorkStore")
public class WorkStore {

    private static final String COLUMNS = "work_id, kind, entry, idempotency_key, request_json, request_id, status, "
            + "http_status, response_json, gigachat_file_id, yandex_operation_id, callback_url, callback_state, "
            + "callback_attempts, created_at, updated_at";

    private final ImagegenDatabase db;
    private final Duration ttl;

    public WorkStore(ImagegenDatabase db, @Value("${imagegen.idempotency-ttl}") String ttl) {
        this.db = db;
        this.ttl = DurationStyle.detectAndParse(ttl);
    }

    /** Adds the work; false when its key is taken already (by a row not yet expired). */
    public boolean insert(Work work) throws SQLException {
        Instant now = Instant.now();
        if (work.idempotencyKey() != null) {
            db.update("UPDATE imagegen_work SET idempotency_key = NULL WHERE entry = ? AND idempotency_key = ?"
                    + " AND expires_at < ? AND status IN ('succeeded', 'failed')", work.entry(), work.idempotencyKey(), now);
        }
        try {
            db.update("INSERT INTO imagegen_work (" + COLUMNS + ", expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    work.id(), work.kind(), work.entry(), work.idempotencyKey(), work.requestJson(), work.requestId(),
                    work.status(), work.httpStatus(), work.responseJson(), work.gigachatFileId(), work.yandexOperationId(),
                    work.callbackUrl(), work.callbackState(), work.callbackAttempts(), now, now, now.plus(ttl));
            return true;
        } catch (SQLException e) {
            if (ImagegenDatabase.duplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Work> byId(String id) throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM imagegen_work WHERE work_id = ?", WorkStore::read, id).stream().findFirst();
    }

    public Optional<Work> byKey(String entry, String key) throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM imagegen_work WHERE entry = ? AND idempotency_key = ?",
                WorkStore::read, entry, key).stream().findFirst();
    }

    /** Moves the work from {@code from} to {@code to} for {@code owner}; false when it was not in {@code from}. */
    public boolean take(String id, String from, String to, String owner) throws SQLException {
        return db.update("UPDATE imagegen_work SET status = ?, owner = ?, updated_at = ? WHERE work_id = ? AND status = ?",
                to, owner, Instant.now(), id, from) == 1;
    }

    public void saveGigachatFileId(String id, String fileId) throws SQLException {
        db.update("UPDATE imagegen_work SET gigachat_file_id = ?, updated_at = ? WHERE work_id = ?", fileId, Instant.now(), id);
    }

    public void saveYandexOperationId(String id, String operationId) throws SQLException {
        db.update("UPDATE imagegen_work SET yandex_operation_id = ?, updated_at = ? WHERE work_id = ?", operationId, Instant.now(), id);
    }

    /** Records how the work ended: succeeded or failed, the HTTP-equivalent status and the answer. */
    public void finish(String id, String status, int httpStatus, String responseJson) throws SQLException {
        db.update("UPDATE imagegen_work SET status = ?, http_status = ?, response_json = ?, updated_at = ? WHERE work_id = ?",
                status, httpStatus, responseJson, Instant.now(), id);
    }

    /** Records the callback's state (pending, delivered, failed) and the attempts it took. */
    public void callback(String id, String state, int attempts) throws SQLException {
        db.update("UPDATE imagegen_work SET callback_state = ?, callback_attempts = ?, updated_at = ? WHERE work_id = ?",
                state, attempts, Instant.now(), id);
    }

    /** Work a stop left queued or running, oldest first. */
    public List<Work> unfinished() throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM imagegen_work WHERE status IN ('queued', 'running') ORDER BY created_at",
                WorkStore::read);
    }

    /** Waits (up to {@code limit}, looking every 200 ms) for the work to finish; false when it did not. */
    public boolean awaitFinished(String id, Duration limit) throws SQLException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (byId(id).map(Work::finished).orElse(true)) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The ids of jobs still queued that were made (or last changed) more than {@code milliseconds} ago, oldest first. */
    public List<String> waitingJobs(long milliseconds) throws SQLException {
        return db.query("SELECT work_id FROM imagegen_work WHERE kind = 'job' AND status = 'queued' AND updated_at < ?"
                + " ORDER BY created_at", row -> row.getString("work_id"), Instant.now().minusMillis(milliseconds));
    }

    /** The ids of finished jobs whose callback is still to be delivered. */
    public List<String> callbacksPending() throws SQLException {
        return db.query("SELECT work_id FROM imagegen_work WHERE callback_state = 'pending'"
                + " AND status IN ('succeeded', 'failed') ORDER BY created_at", row -> row.getString("work_id"));
    }

    /** Removes finished work past IMAGE_IDEMPOTENCY_TTL; answers how many rows went. */
    public int purgeExpired() throws SQLException {
        return db.update("DELETE FROM imagegen_work WHERE expires_at < ? AND status IN ('succeeded', 'failed')"
                + " AND (callback_state IS NULL OR callback_state <> 'pending')", Instant.now());
    }

    /** The number of jobs in each status. */
    public Map<String, Long> jobsByStatus() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String status : List.of(Work.QUEUED, Work.RUNNING, Work.SUCCEEDED, Work.FAILED)) {
            counts.put(status, 0L);
        }
        db.query("SELECT status, COUNT(*) AS n FROM imagegen_work WHERE kind = 'job' GROUP BY status",
                row -> counts.put(row.getString("status"), row.getLong("n")));
        return counts;
    }

    private static Work read(ResultSet row) throws SQLException {
        int status = row.getInt("http_status");
        Integer httpStatus = row.wasNull() ? null : status;
        return new Work(row.getString("work_id"), row.getString("kind"), row.getString("entry"),
                row.getString("idempotency_key"), row.getString("request_json"), row.getString("request_id"),
                row.getString("status"), httpStatus, row.getString("response_json"),
                row.getString("gigachat_file_id"), row.getString("yandex_operation_id"), row.getString("callback_url"),
                row.getString("callback_state"), row.getInt("callback_attempts"),
                ImagegenDatabase.instant(row, "created_at"), ImagegenDatabase.instant(row, "updated_at"));
    }
}

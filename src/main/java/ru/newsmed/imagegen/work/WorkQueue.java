package ru.newsmed.imagegen.work;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.RequestGuard;

/**
 * The work the worker route runs in the background, by id: queued jobs, and at start-up whatever a
 * stop left unfinished. A job or a request with an Idempotency-Key is resumed from what it had
 * paid for; a request without a key that had paid for something is finished too, so that its image
 * is stored (its client is gone; its row says what it paid for); one that had paid for nothing is
 * recorded as failed. Each is logged.
 */
@Component("imagegenWorkQueue")
public class WorkQueue {

    private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);

    private final WorkStore store;
    private final DurableWork durableWork;

    public WorkQueue(WorkStore store, DurableWork durableWork) {
        this.store = store;
        this.durableWork = durableWork;
    }

    /** The ids of the work a stop left unfinished, to run again; the rest recorded as failed. */
    public List<String> interrupted() throws SQLException {
        List<String> resumed = new ArrayList<>();
        for (Work work : store.unfinished()) {
            if (work.job() || work.idempotencyKey() != null || work.paidFor()) {
                LOG.warn("Work {} ({} {}, request {}) was {} when the service stopped{}: resuming it", work.id(), work.entry(),
                        work.kind(), work.requestId(), work.status(), paid(work));
                resumed.add(work.id());
            } else {
                LOG.warn("Request {} ({}) was running when the service stopped and had paid for nothing: its client got no answer",
                        work.requestId(), work.entry());
                store.finish(work.id(), Work.FAILED, 503, null);
            }
        }
        return resumed;
    }

    /**
     * Takes the work for this instance: the exchange gets it (property), its request id and its
     * request as the body; the variable {@code claimed} says whether it did (not when the work is
     * finished, or another worker has it).
     */
    public void claim(@Body String workId, Exchange exchange) throws SQLException {
        Work work = store.byId(workId).orElse(null);
        boolean claimed = work != null && !work.finished()
                && store.take(work.id(), work.status(), Work.RUNNING, durableWork.instance());
        exchange.setVariable("claimed", claimed);
        if (!claimed) {
            return;
        }
        durableWork.take(exchange, work.with(Work.RUNNING), true);
        if (work.requestId() != null) {
            exchange.setProperty(RequestGuard.REQUEST_ID, work.requestId());
        }
        exchange.getMessage().setBody(work.requestJson());
    }

    private static String paid(Work work) {
        StringBuilder paid = new StringBuilder();
        if (work.yandexOperationId() != null) {
            paid.append(", YandexART operation ").append(work.yandexOperationId()).append(" started");
        }
        if (work.gigachatFileId() != null) {
            paid.append(", GigaChat file ").append(work.gigachatFileId()).append(" drawn");
        }
        return paid.toString();
    }
}

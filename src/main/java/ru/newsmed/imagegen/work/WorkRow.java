package ru.newsmed.imagegen.work;

import java.sql.SQLException;

/**
 * The database row of one generation's work, written no sooner than it must be: a request with a
 * key (or a job) has its row before anything is paid for; a request without one gets its row only
 * when a provider is paid (the first progress saved), since until then a crash loses nothing, so
 * most requests cost one write fewer. It travels with the generation (exchange property
 * {@link #PROPERTY}, shared by the branches of a both-mode split).
 */
public final class WorkRow {

    public static final String PROPERTY = "imagegenWorkRow";

    private final WorkStore store;
    private final Work work;
    private boolean saved;
    private boolean ended;

    WorkRow(WorkStore store, Work work, boolean saved) {
        this.store = store;
        this.work = work;
        this.saved = saved;
    }

    /** Saves what a provider was paid for: the row's first write for a request without a key. */
    synchronized void progress(String gigachatFileId, String yandexOperationId) throws SQLException {
        if (ended && !saved) {
            return;
        }
        if (!saved) {
            store.insert(work.paid(gigachatFileId, yandexOperationId));
            saved = true;
        } else if (gigachatFileId != null) {
            store.saveGigachatFileId(work.id(), gigachatFileId);
        } else {
            store.saveYandexOperationId(work.id(), yandexOperationId);
        }
    }

    /** Records how the work ended (nothing to record for work that never had a row). */
    synchronized void ended(String status, int httpStatus, String responseJson) throws SQLException {
        ended = true;
        if (saved) {
            store.finish(work.id(), status, httpStatus, responseJson);
        }
    }

    Work work() {
        return work;
    }
}

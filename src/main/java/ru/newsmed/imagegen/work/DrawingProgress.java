package ru.newsmed.imagegen.work;

import java.sql.SQLException;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a provider was paid for, saved the moment its answer says so (the Kamelets call it): the
 * YandexART operation id once the start call answers, the GigaChat file id once the chat answers.
 * After a crash the work polls that operation or downloads that file instead of paying again.
 * Outside our own flows (a host calling a Kamelet itself) there is no work, and nothing is saved.
 */
@Component("imagegenDrawingProgress")
public class DrawingProgress {

    private static final Logger LOG = LoggerFactory.getLogger(DrawingProgress.class);

    private final WorkStore store;

    public DrawingProgress(WorkStore store) {
        this.store = store;
    }

    public void operationStarted(@Header("ImageGenOperationId") String operationId, @ExchangeProperty(Work.PROPERTY) Work work) {
        if (work != null && operationId != null) {
            try {
                store.saveYandexOperationId(work.id(), operationId);
            } catch (SQLException e) {
                LOG.warn("YandexART operation {} of work {} could not be saved (it is not resumed after a crash): {}",
                        operationId, work.id(), e.getMessage());
            }
        }
    }

    public void fileDrawn(@Variable("gigachatFileId") String fileId, @ExchangeProperty(Work.PROPERTY) Work work) {
        if (work != null && fileId != null) {
            try {
                store.saveGigachatFileId(work.id(), fileId);
            } catch (SQLException e) {
                LOG.warn("GigaChat file {} of work {} could not be saved (it is not resumed after a crash): {}",
                        fileId, work.id(), e.getMessage());
            }
        }
    }
}

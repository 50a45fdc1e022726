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

    public void operationStarted(@Header("ImageGenOperationId") String operationId, @ExchangeProperty(WorkRow.PROPERTY) WorkRow row) {
        if (row != null && operationId != null) {
            try {
                row.progress(null, operationId);
            } catch (SQLException e) {
                LOG.warn("YandexART operation {} of work {} could not be saved (it is not resumed after a crash): {}",
                        operationId, row.work().id(), e.getMessage());
            }
        }
    }

    public void fileDrawn(@Variable("gigachatFileId") String fileId, @ExchangeProperty(WorkRow.PROPERTY) WorkRow row) {
        if (row != null && fileId != null) {
            try {
                row.progress(fileId, null);
            } catch (SQLException e) {
                LOG.warn("GigaChat file {} of work {} could not be saved (it is not resumed after a crash): {}",
                        fileId, row.work().id(), e.getMessage());
            }
        }
    }
}

package ru.newsmed.imagegen.api;

import java.util.Map;

/**
 * What a generation's work hands back to the request waiting for it: the body and the exchange
 * properties it ended with (the stored image's, the attempts', the comparison).
 */
record GenerationOutcome(Object body, Map<String, Object> properties) {
}

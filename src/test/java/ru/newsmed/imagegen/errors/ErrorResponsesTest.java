package ru.newsmed.imagegen.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** What a caught failure is answered with, in the contract's one error shape. */
class ErrorResponsesTest {

    private final ErrorResponses responses = new ErrorResponses();

    @Test
    void anApiExceptionWrappedInAnotherAnswersItsOwnCodeAndField() {
        Exchange exchange = caught(new IllegalStateException("wrapped", new InvalidRequestException("seed", "seed must be an integer")));

        Map<String, Object> body = responses.error(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(body).containsEntry("success", false).containsEntry("error", "invalid_request")
                .containsEntry("message", "seed must be an integer").containsEntry("field", "seed");
    }

    @Test
    void workTheGenerationThreadsWouldNotTakeIsAnswered503() {
        Exchange exchange = caught(new RejectedExecutionException("shut down"));

        Map<String, Object> body = responses.error(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(body).containsEntry("error", "provider_unavailable").doesNotContainKey("field");
    }

    @Test
    void anythingElseIsAnInternalErrorNamingTheRequestButNotTheCause() {
        Exchange exchange = caught(new NullPointerException("secret detail"));
        exchange.setProperty("requestId", "trace-7");

        Map<String, Object> body = responses.error(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(500);
        assertThat(body).containsEntry("error", "internal_error").containsEntry("message", "Unexpected error (request trace-7)");
    }

    private static Exchange caught(Throwable failure) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return exchange;
    }
}

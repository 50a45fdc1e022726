package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import ru.newsmed.imagegen.callback.CallbackSettings;
import ru.newsmed.imagegen.support.CallbackReceiver;
import ru.newsmed.imagegen.support.ProviderServiceTest;

/**
 * A job's callback (the route imagegen-job-callback, handed a job's status body and its
 * callback_url): signed, POSTed once per attempt, tried again with backoff, never redirected, and
 * never a failure of the caller's. WireMock is the receiver.
 */
@ExtendWith(OutputCaptureExtension.class)
class JobCallbackTest extends ProviderServiceTest {

    private static final String PATH = "/hooks/images";

    @Autowired
    ProducerTemplate producer;

    @Autowired
    CallbackSettings settings;

    @Autowired
    CamelContext camel;

    @Test
    void signsTheExactBodyItPostsWithTheSecret() throws Exception {
        receiverAnswers(aResponse().withStatus(204));

        Message outcome = callback(CallbackReceiver.url(PATH), succeededJob());

        LoggedRequest received = onlyRequest();
        assertThat(received.getHeader("X-ImageGen-Signature"))
                .isEqualTo(CallbackReceiver.expectedSignature(received.getBody()));
        assertThat(received.getHeader("Content-Type")).startsWith("application/json");
        assertThat(JSON.readValue(received.getBody(), Map.class)).isEqualTo(succeededJob());
        assertThat(outcome.getHeader("ImageGenCallbackDelivered")).isEqualTo(true);
        assertThat(outcome.getHeader("ImageGenCallbackAttempts")).isEqualTo(1);
    }

    @Test
    void sendsNoneOfTheCallersHeadersAndKeepsTheUrlsQuery() {
        receiverAnswers(aResponse().withStatus(200));

        producer.send("direct:imagegen-job-callback", exchange -> {
            exchange.getIn().setBody(succeededJob());
            exchange.getIn().setHeader("Authorization", "Bearer caller-token-SECRET");
            exchange.getIn().setHeader("X-API-Key", "caller-key-SECRET");
            exchange.getIn().setHeader(Exchange.HTTP_PATH, "/elsewhere");
            exchange.getIn().setHeader(Exchange.HTTP_QUERY, "other=1");
            exchange.setVariable("callbackUrl", CallbackReceiver.url(PATH + "?token=receivers-own"));
        });

        LoggedRequest received = onlyRequest();
        assertThat(received.getUrl()).isEqualTo(PATH + "?token=receivers-own");
        assertThat(received.getHeaders().keys()).map(String::toLowerCase)
                .doesNotContain("authorization", "x-api-key")
                .noneMatch(name -> name.startsWith("camel"));
    }

    @Test
    void handsTheCallerBackItsBodyAndOnlyTheOutcomeHeaders() {
        receiverAnswers(aResponse().withStatus(200).withHeader("X-Receiver", "yes").withBody("{\"ok\":true}"));

        Message outcome = callback(CallbackReceiver.url(PATH), succeededJob());

        assertThat(outcome.getBody()).isEqualTo(succeededJob());
        assertThat(outcome.getHeaders().keySet()).allMatch(name -> name.startsWith("ImageGenCallback"));
    }

    @Test
    void triesAgainAfterTwoServerErrorsAndDeliversOnTheThird() {
        receiverAnswersInTurn(aResponse().withStatus(500), aResponse().withStatus(500), aResponse().withStatus(200));

        Message outcome = callback(CallbackReceiver.url(PATH), succeededJob());

        assertThat(posts()).isEqualTo(3);
        assertThat(outcome.getHeader("ImageGenCallbackDelivered")).isEqualTo(true);
        assertThat(outcome.getHeader("ImageGenCallbackAttempts")).isEqualTo(3);
        assertThat(outcome.getHeader("ImageGenCallbackFailure")).isNull();
    }

    @Test
    void triesAgainAfterAConnectionReset() {
        receiverAnswersInTurn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), aResponse().withStatus(200));

        Message outcome = callback(CallbackReceiver.url(PATH), succeededJob());

        assertThat(posts()).isEqualTo(2);
        assertThat(outcome.getHeader("ImageGenCallbackDelivered")).isEqualTo(true);
    }

    @Test
    void givesUpAfterMaxAttemptsAndEndsNormally(CapturedOutput output) {
        receiverAnswers(aResponse().withStatus(503));

        Message outcome = callback(CallbackReceiver.url(PATH + "?token=receivers-own-SECRET"), succeededJob());

        assertThat(settings.maxAttempts()).isGreaterThan(1);
        assertThat(posts()).isEqualTo(settings.maxAttempts());
        assertThat(outcome.getHeader("ImageGenCallbackDelivered")).isEqualTo(false);
        assertThat(outcome.getHeader("ImageGenCallbackAttempts")).isEqualTo(settings.maxAttempts());
        assertThat(outcome.getHeader("ImageGenCallbackFailure", String.class)).contains("HTTP 503");
        assertThat(output.getAll()).containsPattern("WARN .*Callback of job job-42 to " + CallbackReceiver.url(PATH)
                + " given up after " + settings.maxAttempts() + " attempt")
                .doesNotContain(CallbackReceiver.SECRET, "receivers-own-SECRET");
    }

    @Test
    void givesUpWhenNothingListensAndEndsNormally() {
        String nobody = "http://127.0.0.1:" + freePort() + PATH;

        Message outcome = callback(nobody, succeededJob());

        assertThat(outcome.getHeader("ImageGenCallbackDelivered")).isEqualTo(false);
        assertThat(outcome.getHeader("ImageGenCallbackAttempts")).isEqualTo(settings.maxAttempts());
        assertThat(outcome.getHeader("ImageGenCallbackFailure", String.class)).startsWith("I/O error");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void followsNoRedirectToAnotherHost(int status) {
        CallbackReceiver.elsewhere().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        String elsewhere = "http://127.0.0.1:" + CallbackReceiver.elsewhere().port() + "/stolen";
        receiverAnswers(aResponse().withStatus(status).withHeader("Location", elsewhere));

        Message outcome = callback(CallbackReceiver.url(PATH), succeededJob());

        assertThat(CallbackReceiver.elsewhere().findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(posts()).isEqualTo(settings.maxAttempts());
        assertThat(outcome.getHeader("ImageGenCallbackDelivered")).isEqualTo(false);
        assertThat(outcome.getHeader("ImageGenCallbackFailure", String.class)).contains("HTTP " + status);
    }

    @Test
    void sendsNothingToAHostNoLongerAllowed() {
        Message outcome = callback("http://" + UUID.randomUUID() + ".invalid" + PATH, succeededJob());

        assertThat(outcome.getHeader("ImageGenCallbackDelivered")).isEqualTo(false);
        assertThat(outcome.getHeader("ImageGenCallbackAttempts")).isEqualTo(0);
        assertThat(outcome.getHeader("ImageGenCallbackFailure", String.class))
                .isEqualTo("callback_url must name one of the hosts in IMAGE_CALLBACK_ALLOWED_HOSTS");
    }

    /**
     * A callback given up must not leave the exchange marked as a failure already dealt with (Camel's
     * redelivery marks it so when it gives up): a caller's dead letter channel would then miss the
     * caller's own next failure.
     */
    @Test
    void leavesTheCallersLaterFailureToItsOwnDeadLetterChannel() throws Exception {
        receiverAnswers(aResponse().withStatus(500));
        if (camel.getRoute("test-callback-caller") == null) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:test-callback-caller").routeId("test-callback-caller")
                            .errorHandler(deadLetterChannel("mock:test-callback-dead"))
                            .to("direct:imagegen-job-callback")
                            .throwException(new IllegalStateException("the caller's own later failure"));
                }
            });
        }
        MockEndpoint dead = camel.getEndpoint("mock:test-callback-dead", MockEndpoint.class);
        dead.reset();
        dead.expectedMessageCount(1);

        producer.send("direct:test-callback-caller", exchange -> {
            exchange.getIn().setBody(succeededJob());
            exchange.setVariable("callbackUrl", CallbackReceiver.url(PATH));
        });

        dead.assertIsSatisfied(5000);
    }

    /** Runs the callback route as the jobs will; what the caller gets back. */
    private Message callback(String url, Map<String, Object> job) {
        Exchange done = producer.send("direct:imagegen-job-callback", exchange -> {
            exchange.getIn().setBody(job);
            exchange.setVariable("callbackUrl", url);
        });
        assertThat(done.getException()).as("the callback route's own failure").isNull();
        return done.getMessage();
    }

    private static Map<String, Object> succeededJob() {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("job_id", "job-42");
        job.put("status", "succeeded");
        job.put("created_at", "2026-12-01T10:00:00Z");
        job.put("updated_at", "2026-12-01T10:00:07Z");
        job.put("result", Map.of("image_id", "3f1c", "image_url", "http://localhost:8080/images/3f1c.jpeg",
                "prompt_used", "Маяк на рассвете, фотореалистично"));
        return job;
    }

    private static void receiverAnswers(ResponseDefinitionBuilder answer) {
        CallbackReceiver.server().stubFor(post(urlPathEqualTo(PATH)).willReturn(answer));
    }

    private static void receiverAnswersInTurn(ResponseDefinitionBuilder... answers) {
        String state = Scenario.STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = i + 1 < answers.length ? "answer " + (i + 1) : state;
            CallbackReceiver.server().stubFor(post(urlPathEqualTo(PATH)).inScenario("callback")
                    .whenScenarioStateIs(state).willReturn(answers[i]).willSetStateTo(next));
            state = next;
        }
    }

    private static int posts() {
        return CallbackReceiver.server().countRequestsMatching(postRequestedFor(urlPathEqualTo(PATH)).build()).getCount();
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = CallbackReceiver.server().findAll(postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}

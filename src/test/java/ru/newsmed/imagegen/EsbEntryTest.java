package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.YandexStub;

/** An ESB's own route in the same CamelContext calling direct:generate-image. */
class EsbEntryTest extends ProviderServiceTest {

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate producer;

    @BeforeEach
    void addTheEsbsRoute() throws Exception {
        if (camelContext.getRoute("esb-illustrate") == null) {
            camelContext.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:esb-illustrate").routeId("esb-illustrate")
                            .to("direct:generate-image")
                            .setHeader("illustrated", simple("${body[success]}"));
                }
            });
        }
    }

    @Test
    void takesAJsonStringAndAnswersTheResponseMap() {
        gigachatDraws();

        Exchange reply = producer.request("direct:esb-illustrate",
                exchange -> exchange.getMessage().setBody("{\"prompt\": \"Вакцинация в поликлинике\"}"));

        assertThat(reply.getException()).isNull();
        Map<?, ?> body = reply.getMessage().getBody(Map.class);
        assertThat(body.get("success")).isEqualTo(true);
        assertThat(body.get("provider")).isEqualTo("gigachat");
        assertThat((String) body.get("image_url")).startsWith("http://localhost:8080/images/");
        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(reply.getMessage().getHeader("illustrated")).isEqualTo(true);
    }

    @Test
    void takesAMap() {
        yandexDraws();

        Exchange reply = producer.request("direct:esb-illustrate",
                exchange -> exchange.getMessage().setBody(Map.of("prompt", "Аптека", "provider", "yandex", "seed", 7)));

        assertThat(reply.getMessage().getBody(Map.class).get("model_used")).isEqualTo("yandex-art");
        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(YandexStub.starts()).isEqualTo(1);
    }

    @Test
    void answersErrorsAsTheErrorMapNeverAsAnException() {
        for (Object request : new Object[]{Map.of("prompt", 5), "{not json", 42, Map.of("prompt", "x", "provider", "dalle")}) {
            Exchange reply = producer.request("direct:esb-illustrate", exchange -> exchange.getMessage().setBody(request));

            assertThat(reply.getException()).as("%s", request).isNull();
            Map<?, ?> body = reply.getMessage().getBody(Map.class);
            assertThat(body.get("success")).isEqualTo(false);
            assertThat(body.get("error")).isEqualTo("invalid_request");
            assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        }
    }

    @Test
    void answersJsonWithTrailingGarbageOrADuplicateKeyWith400() {
        gigachatDraws();
        for (String malformed : new String[]{"{\"prompt\": \"x\"} garbage", "{\"prompt\": \"x\"}\u0000",
                "{\"prompt\": 123, \"prompt\": \"x\"}"}) {
            Exchange reply = producer.request("direct:esb-illustrate", exchange -> exchange.getMessage().setBody(malformed));

            assertThat(reply.getMessage().getBody(Map.class).get("error")).as(malformed).isEqualTo("invalid_request");
            assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        }
    }

    @Test
    void answersAProviderFailureWithItsStatus() {
        Exchange reply = producer.request("direct:esb-illustrate",
                exchange -> exchange.getMessage().setBody("{\"prompt\": \"x\", \"provider\": \"yandex\"}"));

        assertThat(reply.getMessage().getBody(Map.class).get("error")).isEqualTo("provider_failed");
        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(502);
    }
}

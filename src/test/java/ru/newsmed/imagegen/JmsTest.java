package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.YandexStub;

/** JMS request/reply on image.generate.request through the embedded Artemis broker. */
class JmsTest extends ProviderServiceTest {

    private static final String QUEUE = "image.generate.request";

    @Autowired
    JmsTemplate jms;

    @Test
    void answersATextRequestWithATextReplyAndTheStatus() throws Exception {
        gigachatDraws();

        Message reply = jms.sendAndReceive(QUEUE, session -> {
            TextMessage request = session.createTextMessage("{\"prompt\": \"Скорая помощь у больницы\"}");
            request.setJMSCorrelationID("esb-corr-1");
            return request;
        });

        assertThat(reply).isInstanceOf(TextMessage.class);
        assertThat(reply.getJMSCorrelationID()).isEqualTo("esb-corr-1");
        assertThat(reply.getObjectProperty("status")).isEqualTo(200);
        JsonNode body = JSON.readTree(((TextMessage) reply).getText());
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("provider").asText()).isEqualTo("gigachat");
        assertThat(storage.resolve(body.path("image_id").asText() + ".jpeg")).exists();
    }

    @Test
    void answersABytesRequest() throws Exception {
        yandexDraws();

        Message reply = jms.sendAndReceive(QUEUE, session -> {
            BytesMessage request = session.createBytesMessage();
            request.writeBytes("{\"prompt\": \"Аптека\", \"provider\": \"yandex\"}".getBytes(StandardCharsets.UTF_8));
            return request;
        });

        assertThat(reply.getIntProperty("status")).isEqualTo(200);
        assertThat(JSON.readTree(((TextMessage) reply).getText()).path("model_used").asText()).isEqualTo("yandex-art");
        assertThat(YandexStub.starts()).isEqualTo(1);
    }

    @Test
    void answersAMalformedMessageWithAnErrorReplyNotARedelivery() throws Exception {
        Message reply = jms.sendAndReceive(QUEUE, session -> session.createTextMessage("{\"prompt\": 42"));

        assertThat(reply.getIntProperty("status")).isEqualTo(400);
        JsonNode body = JSON.readTree(((TextMessage) reply).getText());
        assertThat(body.path("success").asBoolean()).isFalse();
        assertThat(body.path("error").asText()).isEqualTo("invalid_request");
        Boolean left = jms.browse(QUEUE, (session, browser) -> browser.getEnumeration().hasMoreElements());
        assertThat(left).as("messages left on the queue").isFalse();
    }

    @Test
    void answersJsonWithTrailingGarbageOrADuplicateKeyWith400() throws Exception {
        gigachatDraws();
        for (String malformed : new String[]{"{\"prompt\": \"x\"} garbage", "{\"prompt\": \"x\"}\u0000",
                "{\"prompt\": 123, \"prompt\": \"x\"}"}) {
            Message reply = jms.sendAndReceive(QUEUE, session -> session.createTextMessage(malformed));

            assertThat(reply.getIntProperty("status")).as(malformed).isEqualTo(400);
            assertThat(JSON.readTree(((TextMessage) reply).getText()).path("error").asText()).isEqualTo("invalid_request");
        }
    }

    @Test
    void servesAClientOutsideTheServiceThroughTheTcpAcceptor() throws Exception {
        gigachatDraws();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT);
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            MessageConsumer consumer = session.createConsumer(replies);
            TextMessage request = session.createTextMessage("{\"prompt\": \"Лаборатория\"}");
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("outside-7");

            producer.send(request);
            Message reply = consumer.receive(30_000);

            assertThat(reply).isInstanceOf(TextMessage.class);
            assertThat(reply.getJMSCorrelationID()).isEqualTo("outside-7");
            assertThat(reply.getIntProperty("status")).isEqualTo(200);
            assertThat(JSON.readTree(((TextMessage) reply).getText()).path("provider").asText()).isEqualTo("gigachat");
        }
    }
}

package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jms.core.JmsTemplate;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.TestDatabases;
import ru.newsmed.imagegen.support.YandexStub;

/** JMS request/reply on image.generate.request through the embedded Artemis broker. */
class JmsTest extends ProviderServiceTest {

    private static final String QUEUE = "image.generate.request";

    @Autowired
    JmsTemplate jms;

    @Autowired
    EmbeddedActiveMQ broker;

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
    void givesTheSameAnswerAgainForAnIdempotencyKeySentTwiceWithOneProviderCall() throws Exception {
        gigachatDraws();
        String key = "jms-" + UUID.randomUUID();

        Message first = sendWithKey("{\"prompt\": \"Рентген грудной клетки\"}", key);
        Message again = sendWithKey("{ \"prompt\" : \"Рентген грудной клетки\" }", key);

        assertThat(first.getIntProperty("status")).isEqualTo(200);
        assertThat(again.getIntProperty("status")).isEqualTo(200);
        String imageId = JSON.readTree(((TextMessage) first).getText()).path("image_id").asText();
        assertThat(imageId).isNotEmpty();
        assertThat(JSON.readTree(((TextMessage) again).getText()).path("image_id").asText()).isEqualTo(imageId);
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
    }

    @Test
    void refusesAnIdempotencyKeyUsedWithAnotherBodyWith422() throws Exception {
        gigachatDraws();
        String key = "jms-" + UUID.randomUUID();
        assertThat(sendWithKey("{\"prompt\": \"Стоматолог\"}", key).getIntProperty("status")).isEqualTo(200);

        Message other = sendWithKey("{\"prompt\": \"Окулист\"}", key);

        assertThat(other.getIntProperty("status")).isEqualTo(422);
        assertThat(JSON.readTree(((TextMessage) other).getText()).path("error").asText()).isEqualTo("idempotency_key_reused");
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
    }

    @Test
    void refusesAnIdempotencyKeyWithASpaceWith400NamingTheField() throws Exception {
        gigachatDraws();

        Message reply = sendWithKey("{\"prompt\": \"Стоматолог\"}", "two words");

        assertThat(reply.getIntProperty("status")).isEqualTo(400);
        JsonNode body = JSON.readTree(((TextMessage) reply).getText());
        assertThat(body.path("error").asText()).isEqualTo("invalid_request");
        assertThat(body.path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(GigaChatStub.chatCalls()).isZero();
    }

    @Test
    void servesAClientOutsideTheServiceThroughTheTcpAcceptor() throws Exception {
        gigachatDraws();
        try (ActiveMQConnectionFactory factory = outside();
             Connection connection = factory.createConnection(BROKER_USER, BROKER_PASSWORD)) {
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

    @Test
    void refusesAnAnonymousClientAtTheTcpAcceptor() {
        try (ActiveMQConnectionFactory factory = outside()) {
            assertThatThrownBy(() -> {
                try (Connection connection = factory.createConnection()) {
                    connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                }
            }).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void refusesAWrongPasswordAtTheTcpAcceptor() {
        try (ActiveMQConnectionFactory factory = outside()) {
            assertThatThrownBy(() -> {
                try (Connection connection = factory.createConnection(BROKER_USER, BROKER_PASSWORD + "x")) {
                    connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                }
            }).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void anOutsideClientCannotConsumeOtherCallersRequests() throws Exception {
        try (ActiveMQConnectionFactory factory = outside();
             Connection connection = factory.createConnection(BROKER_USER, BROKER_PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);

            assertThatThrownBy(() -> session.createConsumer(session.createQueue(QUEUE))).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void anOutsideClientCannotBrowseTheRequestQueue() throws Exception {
        try (ActiveMQConnectionFactory factory = outside();
             Connection connection = factory.createConnection(BROKER_USER, BROKER_PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);

            assertThatThrownBy(() -> session.createBrowser(session.createQueue(QUEUE)).getEnumeration().hasMoreElements())
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void anOutsideClientCannotCreateADurableQueue() throws Exception {
        try (ActiveMQConnectionFactory factory = outside();
             Connection connection = factory.createConnection(BROKER_USER, BROKER_PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);

            assertThatThrownBy(() -> session.createConsumer(session.createQueue("not.yours." + UUID.randomUUID())))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void anOutsideClientCannotCreateAQueueThatIsNotTemporary() throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + BROKER_PORT);
             ClientSessionFactory sessions = locator.createSessionFactory();
             ClientSession session = sessions.createSession(BROKER_USER, BROKER_PASSWORD, false, true, true, false, 0)) {
            String name = UUID.randomUUID().toString();

            assertThatThrownBy(() -> session.createQueue(QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST)
                    .setDurable(false).setTemporary(false))).isInstanceOf(ActiveMQSecurityException.class);
        }
    }

    @Test
    void anOutsideClientCannotUseManagement() throws Exception {
        try (ActiveMQConnectionFactory factory = outside();
             Connection connection = factory.createConnection(BROKER_USER, BROKER_PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message query = session.createMessage();
            JMSManagementHelper.putAttribute(query, ResourceNames.BROKER, "addressNames");

            assertThatThrownBy(() -> session.createProducer(session.createQueue("activemq.management")).send(query))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void theBrokersFolderIsThisInstancesOwnNotOneSharedByEveryInstance() {
        Path shared = Path.of(System.getProperty("java.io.tmpdir"), "artemis-data");

        for (String folder : List.of(broker.getConfiguration().getJournalLocation().toString(),
                broker.getConfiguration().getPagingLocation().toString(),
                broker.getConfiguration().getBindingsLocation().toString(),
                broker.getConfiguration().getLargeMessagesLocation().toString())) {
            assertThat(Path.of(folder).toAbsolutePath().startsWith(shared)).as(folder).isFalse();
        }
    }

    @Test
    void aSecondInstanceWhoseAcceptorCannotListenFailsToStart() {
        Throwable failure = startAnotherInstance("--IMAGE_JMS_USER=" + BROKER_USER, "--IMAGE_JMS_PASSWORD=" + BROKER_PASSWORD);

        assertThat(failure).hasStackTraceContaining("could not open IMAGE_JMS_EMBEDDED_ACCEPTOR");
        assertThat(stackTrace(failure)).doesNotContain(BROKER_PASSWORD);
    }

    @Test
    void anAcceptorWithoutALoginFailsToStart() {
        Throwable failure = startAnotherInstance();

        assertThat(failure).hasStackTraceContaining("set IMAGE_JMS_USER and IMAGE_JMS_PASSWORD");
    }

    /** A Text request with the string property IdempotencyKey; its reply. */
    private Message sendWithKey(String json, String key) {
        return jms.sendAndReceive(QUEUE, session -> {
            TextMessage request = session.createTextMessage(json);
            request.setStringProperty("IdempotencyKey", key);
            return request;
        });
    }

    private static ActiveMQConnectionFactory outside() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT);
    }

    /** Another instance on this machine with the same acceptor: how its start-up failed. */
    private static Throwable startAnotherInstance(String... login) {
        Path run = Path.of("target", "test-second-instance", UUID.randomUUID().toString()).toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("--SERVER_PORT=0", "--IMAGE_STORAGE_DIR=" + run.resolve("storage"),
                "--IMAGE_DB_URL=" + TestDatabases.h2(run),
                "--IMAGE_INBOX_DIR=" + run.resolve("inbox"), "--IMAGE_JMS_EMBEDDED_ACCEPTOR=tcp://127.0.0.1:" + BROKER_PORT));
        args.addAll(List.of(login));
        try (ConfigurableApplicationContext started = new SpringApplicationBuilder(ImageGenerationApplication.class)
                .run(args.toArray(String[]::new))) {
            throw new AssertionError("started: " + started.isActive());
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable failure) {
            return failure;
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}

package ru.newsmed.imagegen.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link ProviderServiceTest} whose service keeps its durable work on PostgreSQL: a new database
 * of the test JVM's {@link PostgresServer}. Every test class implementing this shares one Spring
 * context (the same property sources), so the PostgreSQL runs of several test classes cost one
 * start-up. Each such class also proves, through /health, that its service really ran on it.
 *
 * <p>The settings are the properties IMAGE_DB_URL, IMAGE_DB_USER and IMAGE_DB_PASSWORD back
 * ({@code imagegen.db.*}), not those names: Spring runs ServiceTest's registration (an H2
 * IMAGE_DB_URL) after a subclass's own or an enclosing class's, so IMAGE_DB_URL registered there
 * loses (seen on Spring 6.2); {@code imagegen.db.url} wins over IMAGE_DB_URL whatever the order.
 */
public interface OnPostgres {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresDatabase database = PostgresServer.newDatabase();
        registry.add("imagegen.db.url", database::url);
        registry.add("imagegen.db.user", database::user);
        registry.add("imagegen.db.password", database::password);
        // No TCP acceptor: the shared context holds its port (the setting itself, for the same reason).
        registry.add("imagegen.jms.embedded-acceptor", () -> "");
    }

    @Test
    default void healthSaysTheDatabaseIsPostgresqlAndUp(@Value("${local.server.port}") int port) throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/image-generation/health")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode database = new ObjectMapper().readTree(health.body()).path("database");
        assertThat(database.path("type").asText()).as(health.body()).isEqualTo("postgresql");
        assertThat(database.path("status").asText()).isEqualTo("UP");
    }
}

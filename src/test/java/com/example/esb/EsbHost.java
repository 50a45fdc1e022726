package com.example.esb;

import java.nio.file.Path;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.TestCertificates;
import ru.newsmed.imagegen.support.TestDatabases;
import ru.newsmed.imagegen.support.YandexStub;

/** Starts the host application against the WireMock providers, with its own configuration file. */
final class EsbHost {

    private EsbHost() {
    }

    static Path storage() {
        return Path.of("target", "esb-host-storage", UUID.randomUUID().toString()).toAbsolutePath();
    }

    static ConfigurableApplicationContext start(Path storage, String... more) {
        return new SpringApplicationBuilder(EsbHostApplication.class)
                .properties("spring.config.name=esb-host", "server.port=0",
                        // the bundle's settings, as a host gives them: imagegen.* properties
                        "imagegen.storage.dir=" + storage,
                        "imagegen.db.url=" + TestDatabases.h2(storage.resolveSibling(storage.getFileName() + "-db")),
                        "imagegen.gigachat.auth-key=" + GigaChatStub.AUTH_KEY,
                        "imagegen.gigachat.oauth-url=" + GigaChatStub.httpsUrl(GigaChatStub.OAUTH_PATH),
                        "imagegen.gigachat.base-url=" + GigaChatStub.httpsUrl("/api/v1"),
                        "imagegen.gigachat.ca-bundle=" + TestCertificates.caBundle(),
                        "imagegen.yandex.folder-id=" + YandexStub.FOLDER_ID,
                        "imagegen.yandex.api-key=" + YandexStub.API_KEY,
                        "imagegen.yandex.base-url=" + YandexStub.url(""),
                        "imagegen.yandex.operations-url=" + YandexStub.url(YandexStub.OPERATIONS_PATH),
                        "imagegen.yandex.poll-interval=50ms")
                .properties(more)
                .run();
    }
}

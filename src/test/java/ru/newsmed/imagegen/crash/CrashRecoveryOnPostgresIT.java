package ru.newsmed.imagegen.crash;

import java.nio.file.Path;
import java.util.Map;

import ru.newsmed.imagegen.support.PostgresDatabase;
import ru.newsmed.imagegen.support.PostgresServer;

/** The crash tests on PostgreSQL: a database of the test JVM's throwaway cluster, which outlives the service. */
class CrashRecoveryOnPostgresIT extends CrashRecoveryScenarios {

    @Override
    Map<String, String> database(Path folder) {
        PostgresDatabase database = PostgresServer.newDatabase();
        return Map.of("IMAGE_DB_URL", database.url(), "IMAGE_DB_USER", database.user(), "IMAGE_DB_PASSWORD", database.password());
    }
}

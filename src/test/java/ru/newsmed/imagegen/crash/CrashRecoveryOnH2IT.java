package ru.newsmed.imagegen.crash;

import java.nio.file.Path;
import java.util.Map;

import ru.newsmed.imagegen.support.TestDatabases;

/** The crash tests on the default kind of database: an H2 file in the service's working folder. */
class CrashRecoveryOnH2IT extends CrashRecoveryScenarios {

    @Override
    Map<String, String> database(Path folder) {
        return Map.of("IMAGE_DB_URL", TestDatabases.h2(folder));
    }
}

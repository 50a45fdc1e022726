package ru.newsmed.imagegen.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for localhost that the JVM does not trust, made once per test JVM with
 * the JDK's keytool: the stand-in for GigaChat's Russian Trusted Root CA chain.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";
    private static Path folder;

    private TestCertificates() {
    }

    public static synchronized Path keystore() {
        return folder().resolve("localhost.p12");
    }

    public static synchronized Path caBundle() {
        return folder().resolve("localhost-ca.pem");
    }

    private static Path folder() {
        if (folder == null) {
            try {
                Path dir = Files.createTempDirectory("imagegen-tls");
                String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
                run(List.of(keytool, "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048",
                        "-validity", "30", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                        "-keystore", dir.resolve("localhost.p12").toString(), "-storetype", "PKCS12",
                        "-storepass", PASSWORD, "-keypass", PASSWORD));
                run(List.of(keytool, "-exportcert", "-rfc", "-alias", "localhost",
                        "-keystore", dir.resolve("localhost.p12").toString(), "-storepass", PASSWORD,
                        "-file", dir.resolve("localhost-ca.pem").toString()));
                folder = dir;
            } catch (IOException e) {
                throw new IllegalStateException("Could not make the test certificate", e);
            }
        }
        return folder;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + new String(process.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}

package ru.newsmed.imagegen.gigachat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.TestCertificates;

/** The CA bundle is what makes GigaChat's certificate trusted: without it the JVM refuses it. */
class GigaChatTlsTest {

    private static final URI STUB = URI.create(GigaChatStub.httpsUrl("/__admin/health"));

    @Test
    void theJvmAloneDoesNotTrustTheTestCertificate() {
        HttpClient client = HttpClient.newHttpClient();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(STUB).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theJvmRootsPlusTheBundleTrustIt() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[]{GigaChatTls.jvmRootsPlus(TestCertificates.caBundle())}, null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).build();

        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(STUB).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesABundleWithNoCertificate() throws Exception {
        Path empty = Files.createTempFile("empty", ".pem");

        assertThatThrownBy(() -> GigaChatTls.jvmRootsPlus(empty)).hasMessageContaining("no certificate");
    }
}

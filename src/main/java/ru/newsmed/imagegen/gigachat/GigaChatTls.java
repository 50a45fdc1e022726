package ru.newsmed.imagegen.gigachat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS for the GigaChat and OAuth endpoints only: the JVM's roots plus a PEM file of CA
 * certificates (GigaChat's chain ends in the Russian Trusted Root CA, which the JVM does not
 * ship), or no verification at all. The Kamelet builds its own from its {@code caBundle} and
 * {@code verifySsl} parameters ({@code template.beans}); every other endpoint keeps the JVM's trust.
 */
public final class GigaChatTls {

    private static final Logger LOG = LoggerFactory.getLogger(GigaChatTls.class);

    private GigaChatTls() {
    }

    /** The trust of the GigaChat endpoints: the JVM's roots, plus {@code caBundle} when set; none with {@code verifySsl} false. */
    public static SSLContextParameters trust(String caBundle, boolean verifySsl) throws IOException, GeneralSecurityException {
        SSLContextParameters parameters = new SSLContextParameters();
        TrustManager trustManager;
        if (!verifySsl) {
            LOG.warn("GIGACHAT_VERIFY_SSL=false: TLS certificates of the GigaChat and OAuth hosts are NOT verified. "
                    + "Trust the Russian Trusted Root CA with GIGACHAT_CA_BUNDLE instead.");
            trustManager = new TrustEverything();
        } else if (caBundle != null && !caBundle.isBlank()) {
            trustManager = jvmRootsPlus(Path.of(caBundle.strip()));
        } else {
            return parameters;
        }
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setTrustManager(trustManager);
        parameters.setTrustManagers(trust);
        return parameters;
    }

    /** The host names the certificates must match: checked, unless {@code verifySsl} is false. */
    public static HostnameVerifier hostnames(boolean verifySsl) {
        return verifySsl ? new DefaultHostnameVerifier() : NoopHostnameVerifier.INSTANCE;
    }

    static X509TrustManager jvmRootsPlus(Path pemFile) throws IOException, GeneralSecurityException {
        if (!Files.isReadable(pemFile)) {
            throw new IllegalStateException("GIGACHAT_CA_BUNDLE names " + pemFile + ", which cannot be read");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int index = 0;
        for (X509Certificate root : defaultTrustManager(null).getAcceptedIssuers()) {
            store.setCertificateEntry("jvm-" + index++, root);
        }
        Collection<? extends Certificate> extra;
        try (InputStream in = Files.newInputStream(pemFile)) {
            extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (extra.isEmpty()) {
            throw new IllegalStateException("GIGACHAT_CA_BUNDLE " + pemFile + " holds no certificate");
        }
        for (Certificate certificate : extra) {
            store.setCertificateEntry("bundle-" + index++, certificate);
        }
        LOG.info("Trusting {} certificate(s) from {} for GigaChat on top of the JVM's roots", extra.size(), pemFile);
        return defaultTrustManager(store);
    }

    private static X509TrustManager defaultTrustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("The JVM has no X.509 trust manager");
    }

    /** Accepts any certificate: only with GIGACHAT_VERIFY_SSL=false. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // trusted by configuration
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // trusted by configuration
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

package ru.newsmed.imagegen.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.errors.InvalidRequestException;

/** Which callback_url a job may be given: an http(s) URL to a listed host, any port, and nothing while callbacks are not set up. */
class CallbackUrlsTest {

    private static final String SECRET = "test-secret";

    private final CallbackUrls urls = new CallbackUrls(settings("hooks.example.com, Partner.Example.ORG", SECRET));

    @Test
    void acceptsAnAllowedHostOnAnyPort() {
        assertThat(urls.check("https://hooks.example.com/jobs/done")).isEqualTo(URI.create("https://hooks.example.com/jobs/done"));
        assertThat(urls.check("http://hooks.example.com:8443/x?job=1")).isEqualTo(URI.create("http://hooks.example.com:8443/x?job=1"));
    }

    @Test
    void comparesHostNamesWhateverTheirCase() {
        assertThat(urls.check("HTTPS://PARTNER.example.org/Done")).isEqualTo(URI.create("https://partner.example.org/Done"));
    }

    @Test
    void refusesAHostNotListed() {
        assertRefused("https://evil.example.net/hook", "IMAGE_CALLBACK_ALLOWED_HOSTS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com.evil.net/", "https://evil.net/?u=https://hooks.example.com/",
            "https://evil.net#@hooks.example.com/", "https://sub.hooks.example.com/"})
    void refusesAHostThatOnlyLooksAllowed(String url) {
        assertRefused(url, "IMAGE_CALLBACK_ALLOWED_HOSTS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/x", "file:///etc/passwd", "mailto:ops@hooks.example.com",
            "hooks.example.com/x", "//hooks.example.com/x"})
    void refusesAnythingButHttpAndHttps(String url) {
        assertRefused(url, "http or https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://u:p@hooks.example.com/", "https://user@hooks.example.com/",
            "https://hooks.example.com@evil.net/"})
    void refusesAUserNameOrPassword(String url) {
        assertRefused(url, "user name or password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http:///x", "https:hooks.example.com", "http://:80/"})
    void refusesAUrlWithoutAHost(String url) {
        assertRefused(url, "host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "https://hooks.example.com/a b", "http://hooks.example.com\\@evil.net/"})
    void refusesWhatIsNotAUrl(String url) {
        assertThatThrownBy(() -> urls.check(url)).isInstanceOfSatisfying(InvalidRequestException.class,
                refusal -> assertThat(refusal.getField()).isEqualTo("callback_url"));
    }

    @Test
    void refusesEveryUrlWhileNoHostIsAllowed() {
        CallbackUrls unset = new CallbackUrls(settings("", SECRET));
        assertThatThrownBy(() -> unset.check("https://hooks.example.com/")).isInstanceOfSatisfying(InvalidRequestException.class,
                refusal -> assertThat(refusal).hasMessageContaining("IMAGE_CALLBACK_ALLOWED_HOSTS")
                        .extracting(InvalidRequestException::getField).isEqualTo("callback_url"));
    }

    @Test
    void refusesEveryUrlWhileNoSecretIsSet() {
        CallbackUrls unsigned = new CallbackUrls(settings("hooks.example.com", ""));
        assertThatThrownBy(() -> unsigned.check("https://hooks.example.com/")).isInstanceOfSatisfying(InvalidRequestException.class,
                refusal -> assertThat(refusal).hasMessageContaining("IMAGE_CALLBACK_SECRET")
                        .extracting(InvalidRequestException::getField).isEqualTo("callback_url"));
    }

    @Test
    void dropsTheFragment() {
        assertThat(urls.check("https://hooks.example.com/done#top")).isEqualTo(URI.create("https://hooks.example.com/done"));
    }

    @Test
    void logsAUrlWithoutItsQuery() {
        assertThat(urls.loggable("https://hooks.example.com:9000/done?token=abc")).isEqualTo("https://hooks.example.com:9000/done");
    }

    @Test
    void keepsTheSecretOutOfTheSettingsText() {
        assertThat(settings("hooks.example.com", SECRET).toString()).doesNotContain(SECRET);
    }

    private void assertRefused(String url, String why) {
        assertThatThrownBy(() -> urls.check(url)).isInstanceOfSatisfying(InvalidRequestException.class, refusal -> {
            assertThat(refusal.getField()).isEqualTo("callback_url");
            assertThat(refusal.getErrorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(refusal).hasMessageContaining(why);
        });
    }

    private static CallbackSettings settings(String hosts, String secret) {
        return new CallbackSettings(hosts, secret, 5, 1000, 60000);
    }
}

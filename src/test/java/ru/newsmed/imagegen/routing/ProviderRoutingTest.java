package ru.newsmed.imagegen.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.api.GenerateRequest;

class ProviderRoutingTest {

    private static GenerateRequest request(String provider) {
        return new GenerateRequest("x", "x", 1, 1, null, provider, null);
    }

    @Test
    void spreadsRequestIdsEvenlyOverTheBuckets() {
        long under25 = IntStream.range(0, 10_000).filter(i -> ProviderRouting.bucket("req-" + i) < 25).count();
        long under50 = IntStream.range(0, 10_000).filter(i -> ProviderRouting.bucket("req-" + i) < 50).count();

        assertThat(under25).isBetween(2_300L, 2_700L);
        assertThat(under50).isBetween(4_800L, 5_200L);
        assertThat(ProviderRouting.bucket("same-id")).isEqualTo(ProviderRouting.bucket("same-id"));
    }

    @Test
    void rolloutBoundsSendEveryRequestOneWay() {
        ProviderRouting none = new ProviderRouting("gigachat", 0, false);
        ProviderRouting all = new ProviderRouting("gigachat", 100, false);

        assertThat(IntStream.range(0, 500).mapToObj(i -> none.decide(request(null), "id-" + i).first())).containsOnly("yandex");
        assertThat(IntStream.range(0, 500).mapToObj(i -> all.decide(request(null), "id-" + i).first())).containsOnly("gigachat");
    }

    @Test
    void fallbackIsTheOtherProviderOnlyWhenEnabled() {
        assertThat(new ProviderRouting("yandex", 100, true).decide(request(null), "a").providers())
                .containsExactly("yandex", "gigachat");
        assertThat(new ProviderRouting("yandex", 100, false).decide(request(null), "a").providers()).containsExactly("yandex");
        assertThat(new ProviderRouting("gigachat", 100, false).decide(request("both"), "a").both()).isTrue();
    }

    @Test
    void refusesAnInvalidConfiguration() {
        assertThatThrownBy(() -> new ProviderRouting("openai", 100, true)).hasMessageContaining("IMAGE_PROVIDER");
        assertThatThrownBy(() -> new ProviderRouting("gigachat", 101, true)).hasMessageContaining("GIGACHAT_ROLLOUT_PERCENT");
    }
}

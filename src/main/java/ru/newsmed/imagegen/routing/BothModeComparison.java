package ru.newsmed.imagegen.routing;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Both mode's two attempts side by side: GigaChat's first, the answer's {@code comparison} body
 * (each side its image or its error, and its duration), the log line, and the attempt whose image
 * is the answer (GigaChat's, YandexART's when GigaChat has none stored).
 */
record BothModeComparison(List<ProviderAttempt> attempts) {

    BothModeComparison {
        attempts = attempts.stream()
                .sorted(Comparator.comparing(a -> !a.provider().equals(RoutingDecision.GIGACHAT)))
                .toList();
    }

    Map<String, Object> body() {
        Map<String, Object> comparison = new LinkedHashMap<>();
        for (String provider : List.of(RoutingDecision.GIGACHAT, RoutingDecision.YANDEX)) {
            attempts.stream().filter(a -> a.provider().equals(provider)).findFirst()
                    .ifPresent(attempt -> comparison.put(provider, side(attempt)));
        }
        return comparison;
    }

    String logLine() {
        return attempts.stream()
                .map(a -> a.provider() + " " + a.outcome().name().toLowerCase() + " in " + a.durationMs() + " ms"
                        + (a.drew() ? " " + a.imageUrl() : ": " + a.message()))
                .collect(Collectors.joining("; "));
    }

    /** The first attempt (GigaChat's before YandexART's) that drew and stored its image. */
    Optional<ProviderAttempt> answer() {
        return attempts.stream().filter(a -> a.drew() && a.imageUrl() != null).findFirst();
    }

    private static Map<String, Object> side(ProviderAttempt attempt) {
        Map<String, Object> side = new LinkedHashMap<>();
        if (attempt.drew()) {
            side.put("image_url", attempt.imageUrl());
            side.put("model_used", attempt.modelUsed());
        } else {
            side.put("error", NoImageError.code(attempt.outcome()).code());
            side.put("message", attempt.message());
        }
        side.put("duration_ms", attempt.durationMs());
        return side;
    }
}

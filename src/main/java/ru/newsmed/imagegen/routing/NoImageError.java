package ru.newsmed.imagegen.routing;

import java.util.List;
import java.util.stream.Collectors;

import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.routing.ProviderAttempt.Outcome;

/**
 * The contract's error when no attempt drew an image: storage_failed, else provider_failed when
 * any provider failed, else content_refused when any refused, else provider_unavailable; the
 * message names each provider's outcome.
 */
final class NoImageError {

    private NoImageError() {
    }

    static ApiException of(List<ProviderAttempt> attempts) {
        ErrorCode code = ErrorCode.PROVIDER_UNAVAILABLE;
        for (Outcome outcome : List.of(Outcome.REFUSED, Outcome.FAILED, Outcome.STORAGE_FAILED)) {
            if (attempts.stream().anyMatch(a -> a.outcome() == outcome)) {
                code = code(outcome);
            }
        }
        if (attempts.size() == 1) {
            return new ApiException(code, attempts.get(0).message());
        }
        return new ApiException(code, "No provider drew the image. " + attempts.stream()
                .map(a -> a.displayName() + " " + describe(a.outcome()) + ": " + a.message())
                .collect(Collectors.joining("; ")));
    }

    /** The error code an attempt's outcome stands for. */
    static ErrorCode code(Outcome outcome) {
        return switch (outcome) {
            case REFUSED -> ErrorCode.CONTENT_REFUSED;
            case FAILED -> ErrorCode.PROVIDER_FAILED;
            case STORAGE_FAILED -> ErrorCode.STORAGE_FAILED;
            default -> ErrorCode.PROVIDER_UNAVAILABLE;
        };
    }

    private static String describe(Outcome outcome) {
        return switch (outcome) {
            case REFUSED -> "refused";
            case FAILED -> "failed";
            case STORAGE_FAILED -> "drew but could not store";
            default -> "was unavailable";
        };
    }
}

package ru.newsmed.imagegen.routing;

import java.util.List;

/**
 * Which providers one request goes to.
 *
 * @param both     both at once (the comparison mode)
 * @param first    the provider tried first
 * @param fallback the one tried when the first draws nothing, or null when fallback is off
 */
public record RoutingDecision(boolean both, String first, String fallback) {

    public static final String GIGACHAT = "gigachat";
    public static final String YANDEX = "yandex";

    /** Every provider the request may reach, first one first. */
    public List<String> providers() {
        return fallback == null ? List.of(first) : List.of(first, fallback);
    }

    static String other(String provider) {
        return GIGACHAT.equals(provider) ? YANDEX : GIGACHAT;
    }
}

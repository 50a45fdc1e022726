package ru.newsmed.imagegen.provider;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * camel-http's header filter, with the Kamelets' own {@code ImageGen*} headers kept on our side:
 * they carry a Kamelet's state between its calls (the file id, the operation id, the prompt sent)
 * and must neither travel to a provider nor be set by one of its answers.
 */
@Component("imagegenProviderHeaderFilter")
public class ProviderHeaderFilter extends HttpHeaderFilterStrategy {

    private static final String[] NOT_EXCHANGED = {"Camel", "camel", "org.apache.camel.", "ImageGen", "imagegen"};

    public ProviderHeaderFilter() {
        setOutFilterStartsWith(NOT_EXCHANGED);
        setInFilterStartsWith(NOT_EXCHANGED);
    }
}

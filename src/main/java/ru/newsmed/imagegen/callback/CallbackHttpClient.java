package ru.newsmed.imagegen.callback;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.stereotype.Component;

/**
 * The HttpClient of callbacks ({@code httpClientConfigurer=#imagegenCallbackHttpClient}), whatever
 * the host's http component says: no redirect followed (HttpClient 5 would otherwise follow a 301,
 * 302, 303, 307 or 308 for a POST too, a 303 as a GET, to any host the receiver names), and no
 * automatic retry (it would re-send a 503 by itself): {@link CallbackRetries} alone counts the attempts.
 */
@Component("imagegenCallbackHttpClient")
public class CallbackHttpClient implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.disableRedirectHandling().disableAutomaticRetries();
    }
}

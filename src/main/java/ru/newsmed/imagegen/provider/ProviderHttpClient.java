package ru.newsmed.imagegen.provider;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.stereotype.Component;

/**
 * The HttpClient of every provider call of the Kamelets ({@code httpClientConfigurer=#imagegenProviderHttpClient}):
 * without HttpClient's automatic retries, whatever the host's http component says. Left on (the
 * default), HttpClient would re-send a call answered 503 by itself and silently wait out a
 * {@code Retry-After} of any length, beside and beneath {@link ProviderRetries}, which alone
 * decides what is retried, how often and after how long.
 */
@Component("imagegenProviderHttpClient")
public class ProviderHttpClient implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.disableAutomaticRetries();
    }
}

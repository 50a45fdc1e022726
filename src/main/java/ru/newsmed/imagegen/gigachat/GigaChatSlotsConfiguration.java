package ru.newsmed.imagegen.gigachat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import ru.newsmed.imagegen.provider.ProviderSlots;

/** The GigaChat account's concurrent streams: {@code GIGACHAT_MAX_CONCURRENT}, {@code GIGACHAT_QUEUE_TIMEOUT}. */
@Configuration
public class GigaChatSlotsConfiguration {

    @Bean("gigachatSlots")
    public ProviderSlots gigachatSlots(GigaChatSettings settings) {
        return new ProviderSlots("GigaChat", settings.maxConcurrent(), settings.queueTimeout());
    }
}

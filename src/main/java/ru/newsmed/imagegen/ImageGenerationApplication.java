package ru.newsmed.imagegen;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the Camel routes in {@code routes/} on Spring Boot. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ImageGenerationApplication {

    public static void main(String[] args) {
        SpringApplication.run(ImageGenerationApplication.class, args);
    }
}

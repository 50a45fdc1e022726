package ru.newsmed.imagegen;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import ru.newsmed.imagegen.autoconfigure.ImagegenBeanNames;

/**
 * The service: the bundle (our auto-configuration, as in any host) plus what only a service of its
 * own has, its web server's edge ({@code web}: admission, body deadlines, error pages, drain on
 * shutdown) and its embedded broker ({@code jms}).
 */
@SpringBootApplication(scanBasePackages = {"ru.newsmed.imagegen.web", "ru.newsmed.imagegen.jms"},
        nameGenerator = ImagegenBeanNames.class)
public class ImageGenerationApplication {

    public static void main(String[] args) {
        SpringApplication.run(ImageGenerationApplication.class, args);
    }
}

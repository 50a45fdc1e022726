package ru.newsmed.imagegen.autoconfigure;

import org.apache.camel.CamelContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.env.Environment;

import ru.newsmed.imagegen.ImageGenerationApplication;

/**
 * The bundle in any Camel Spring Boot application: our beans (named {@code imagegen...}, see
 * {@link ImagegenBeanNames}), our settings ({@code imagegen.*}) and our routes and Kamelets
 * ({@link BundleRoutes}). What belongs to a web server or a broker of its own (the packages
 * {@code web} and {@code jms}) is the service's, scanned only by {@link ImageGenerationApplication}.
 */
@AutoConfiguration(afterName = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@ComponentScan(basePackageClasses = ImageGenerationApplication.class, nameGenerator = ImagegenBeanNames.class,
        excludeFilters = {
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = {TypeExcludeFilter.class, AutoConfigurationExcludeFilter.class}),
                @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ImageGenerationApplication.class),
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = "ru\\.newsmed\\.imagegen\\.(web|jms|autoconfigure)\\..*")})
@ConfigurationPropertiesScan(basePackageClasses = ImageGenerationApplication.class)
public class ImageGenerationAutoConfiguration {

    @Bean("imagegenRoutes")
    BundleRoutes imagegenRoutes(Environment environment) {
        return new BundleRoutes(environment);
    }

    @Bean("imagegenRequiredRoutesCheck")
    RequiredRoutesCheck imagegenRequiredRoutesCheck(CamelContext camelContext, BundleRoutes routes) {
        return new RequiredRoutesCheck(camelContext, routes);
    }
}

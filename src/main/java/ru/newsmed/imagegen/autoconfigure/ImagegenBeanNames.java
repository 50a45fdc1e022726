package ru.newsmed.imagegen.autoconfigure;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.util.ClassUtils;

/**
 * Names a component of ours that names itself nothing {@code imagegen<ClassName>}, so that no bean
 * of ours can take the name of a host's bean ({@code trafficGate}, say). Named ones already carry the
 * prefix ({@code @Component("imagegenStoredImages")}).
 */
public class ImagegenBeanNames extends AnnotationBeanNameGenerator {

    static final String PREFIX = "imagegen";

    @Override
    protected String buildDefaultBeanName(BeanDefinition definition, BeanDefinitionRegistry registry) {
        return PREFIX + ClassUtils.getShortName(definition.getBeanClassName());
    }
}

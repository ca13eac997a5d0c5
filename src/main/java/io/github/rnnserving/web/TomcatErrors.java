package io.github.rnnserving.web;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat refuses an encoded slash ({@code %2F}) in a path before any filter runs, with its own HTML
 * page and no correlation id. Passed through undecoded, it reaches Spring MVC as part of one path
 * segment (so it can never climb to another folder or endpoint), and what follows is a problem
 * answer like any other: a 400 for a bad name, a 404 for no such endpoint.
 */
@Configuration(proxyBeanMethods = false)
class TomcatErrors {

    @Bean
    TomcatConnectorCustomizer encodedSlashesReachSpring() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }
}

package io.github.rnnserving.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and the admin bearer token that mutating endpoints require. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "rnn-serving",
                        description = "Recurrent-network sequence classifiers (RNN, LSTM, GRU) on DJL's PyTorch engine:"
                                + " classify texts and 28×28 images, manage model versions. Errors are RFC 9457 problem JSON"
                                + " whose `field` names the part of the request at fault."))
@SecurityScheme(
        name = "admin-token",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "RNN_ADMIN_TOKEN, rnn.security.admin-token, or the token the service generated at start"
                + " (written to rnn.security.token-file)")
class OpenApiDocs {}

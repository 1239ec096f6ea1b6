package io.conveyor.registry.http;

import io.conveyor.registry.core.RegistryException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * 401 and 403 in Confluent's error shape ({@code {"error_code": 40101, "message": ...}}, 40301 for a
 * missing role), which Confluent clients parse into their exceptions; Micronaut Security's own
 * answer has another body. The status and the {@code WWW-Authenticate} challenge stay Micronaut's.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
@Requires(env = SchemaRegistryApplication.ENVIRONMENT)
@Requires(property = "micronaut.security.enabled", value = "true")
class RegistryAuthorizationErrors extends DefaultAuthorizationExceptionHandler {

    RegistryAuthorizationErrors(ErrorResponseProcessor<?> errorResponseProcessor, RedirectConfiguration redirectConfiguration,
                                @Nullable RedirectService redirectService,
                                List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> challengeProviders,
                                @Nullable PriorToLoginPersistence priorToLoginPersistence) {
        super(errorResponseProcessor, redirectConfiguration, redirectService, challengeProviders, priorToLoginPersistence);
    }

    @Override
    protected MutableHttpResponse<?> httpResponseWithStatus(HttpRequest<?> request, AuthorizationException exception) {
        MutableHttpResponse<?> response = super.httpResponseWithStatus(request, exception);
        String what = request.getMethodName() + " " + request.getPath();
        RegistryException error = exception.isForbidden() && exception.getAuthentication() != null
                ? RegistryException.forbidden(what, exception.getAuthentication().getName())
                : RegistryException.unauthorized(what);
        MutableHttpResponse<String> body = RegistryJson.error(error);
        // The challenge the default answer carries (WWW-Authenticate: Basic realm=...), which clients answer with credentials.
        response.getHeaders().getAll(HttpHeaders.WWW_AUTHENTICATE).forEach(value -> body.header(HttpHeaders.WWW_AUTHENTICATE, value));
        return body;
    }
}

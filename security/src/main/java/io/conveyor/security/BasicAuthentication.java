package io.conveyor.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;

/** HTTP basic authentication against the configured {@link Principals}. */
@Singleton
@Requires(property = "micronaut.security.enabled", value = "true")
class BasicAuthentication<B> implements HttpRequestAuthenticationProvider<B> {

    private final Principals principals;

    BasicAuthentication(Principals principals) {
        this.principals = principals;
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request, AuthenticationRequest<String, String> credentials) {
        return principals.byPassword(credentials.getIdentity(), credentials.getSecret())
                .map(principal -> AuthenticationResponse.success(principal.name(), principal.roles()))
                .orElseGet(() -> AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH));
    }
}

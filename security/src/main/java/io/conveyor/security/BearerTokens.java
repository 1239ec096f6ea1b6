package io.conveyor.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** {@code Authorization: Bearer <secret>}: the principal whose secret the token is. */
@Singleton
@Requires(property = "micronaut.security.enabled", value = "true")
class BearerTokens implements TokenValidator<HttpRequest<?>> {

    private final Principals principals;

    BearerTokens(Principals principals) {
        this.principals = principals;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        return principals.byToken(token).map(principal -> Publishers.just(Authentication.build(principal.name(), principal.roles())))
                .orElseGet(Publishers::empty);
    }
}

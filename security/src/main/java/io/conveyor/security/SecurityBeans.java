package io.conveyor.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;

/** The principals, built at startup when security is on, so that a bad entry stops the start with its position. */
@Factory
@Requires(property = "micronaut.security.enabled", value = "true")
class SecurityBeans {

    @Context
    Principals principals(SecurityConfiguration configuration) {
        Principals principals;
        try {
            principals = Principals.parse(configuration.users(), SecurityConfiguration.USERS_KEY);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        if (principals.isEmpty()) {
            throw new ConfigurationException("conveyor.security.enabled is true but " + SecurityConfiguration.USERS_KEY
                    + " (CONVEYOR_SECURITY_USERS) names no principal: nobody could call the API");
        }
        return principals;
    }
}

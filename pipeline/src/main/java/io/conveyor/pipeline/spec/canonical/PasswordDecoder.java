package io.conveyor.pipeline.spec.canonical;

import io.conveyor.pipeline.spec.Password;

/** Passwords of JDBC sources and PostgreSQL sinks. */
final class PasswordDecoder {

    private static final Variants<Password> PASSWORDS = new Variants<Password>()
            .with(Password.Literal.class, object -> object.build(() -> new Password.Literal(object.required("value").text())))
            .with(Password.FromEnv.class, object -> object.build(() -> new Password.FromEnv(object.required("variable").text())));

    private PasswordDecoder() {
    }

    static Password password(JsonValue value) {
        return PASSWORDS.read(value);
    }
}

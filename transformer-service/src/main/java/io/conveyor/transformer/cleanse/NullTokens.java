package io.conveyor.transformer.cleanse;

import io.conveyor.transformer.rules.FieldFunction;
import java.util.Collection;
import java.util.Set;

/**
 * Turns placeholder text such as "N/A" into null. A value matches when, with surrounding
 * whitespace removed, it equals a token exactly: matching is case-sensitive, so list each spelling
 * the source uses (the defaults list both "NULL" and "null").
 */
public final class NullTokens implements FieldFunction {

    public static final Set<String> DEFAULT_TOKENS = Set.of("", "N/A", "NULL", "null");

    private final Set<String> tokens;

    public NullTokens(Collection<String> tokens) {
        this.tokens = Set.copyOf(tokens);
    }

    public static NullTokens defaults() {
        return new NullTokens(DEFAULT_TOKENS);
    }

    @Override
    public String name() {
        return "null-tokens";
    }

    @Override
    public Object apply(Object value) {
        return value instanceof String text && tokens.contains(text.strip()) ? null : value;
    }
}

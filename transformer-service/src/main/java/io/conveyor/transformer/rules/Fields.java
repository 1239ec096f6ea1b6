package io.conveyor.transformer.rules;

import java.util.List;

/** Which fields a {@link FieldRule} applies to. */
public sealed interface Fields {

    static Fields of(List<String> names) {
        return new Named(names);
    }

    static Fields of(String... names) {
        return new Named(List.of(names));
    }

    static Fields all() {
        return All.INSTANCE;
    }

    record Named(List<String> names) implements Fields {
        public Named {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a field rule needs at least one field (or all fields)");
            }
            names = List.copyOf(names);
        }
    }

    /** Every field the row has when the rule runs. */
    enum All implements Fields {
        INSTANCE
    }
}

package io.conveyor.pipeline.spec.rule;

import java.util.List;

/** The fields a cleansing rule applies to: all of them ({@code "*"} in YAML) or a list. */
public sealed interface FieldSelection {

    boolean includes(String field);

    record All() implements FieldSelection {

        @Override
        public boolean includes(String field) {
            return true;
        }
    }

    record Named(List<String> names) implements FieldSelection {

        public Named {
            names = List.copyOf(names);
        }

        @Override
        public boolean includes(String field) {
            return names.contains(field);
        }
    }
}

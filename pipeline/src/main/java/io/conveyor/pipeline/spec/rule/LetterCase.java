package io.conveyor.pipeline.spec.rule;

public enum LetterCase {
    UPPER,
    LOWER
}

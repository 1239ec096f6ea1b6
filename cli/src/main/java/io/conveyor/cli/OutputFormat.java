package io.conveyor.cli;

/** {@code --output}: tables for people, JSON for scripts. */
public enum OutputFormat {
    table, json
}

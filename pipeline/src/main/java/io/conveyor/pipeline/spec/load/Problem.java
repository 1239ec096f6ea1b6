package io.conveyor.pipeline.spec.load;

import java.util.Objects;

/**
 * One thing wrong with a pipeline file.
 *
 * @param line   1-based
 * @param column 1-based
 * @param path   the field path, e.g. {@code tasks[2].sink.mode}; empty for problems with the file as a whole
 */
public record Problem(String file, int line, int column, String path, String message) {

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:column: path: message}, the form editors and compilers use. */
    @Override
    public String toString() {
        String location = file + ":" + line + ":" + column + ": ";
        return path.isEmpty() ? location + message : location + path + ": " + message;
    }
}

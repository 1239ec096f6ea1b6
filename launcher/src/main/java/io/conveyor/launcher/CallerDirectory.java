package io.conveyor.launcher;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The directory the user called {@code bin/conveyor-local} from. The script changes to the
 * repository root to find the build, so it passes the caller's directory in
 * {@value #VARIABLE}; the paths a user types are resolved against it, never against the root.
 */
record CallerDirectory(Path path) {

    static final String VARIABLE = "CONVEYOR_CALLER_DIR";

    /** From {@value #VARIABLE}, or this process's working directory when started without the script. */
    static CallerDirectory current() {
        return new CallerDirectory(Optional.ofNullable(System.getenv(VARIABLE)).filter(value -> !value.isBlank())
                .map(Path::of).orElse(Path.of("")).toAbsolutePath().normalize());
    }

    Path resolve(Path typed) {
        return path.resolve(typed).normalize();
    }

    /**
     * Run parameters with the values that are relative paths made absolute: a value naming an
     * existing file or directory from here, or a value with a directory part whose directory exists
     * here (an output file yet to be written). Other values (dates, names) pass unchanged.
     */
    Map<String, String> resolveParameters(Map<String, String> parameters) {
        Map<String, String> resolved = new LinkedHashMap<>();
        parameters.forEach((name, value) -> resolved.put(name, resolveIfPath(value)));
        return resolved;
    }

    private String resolveIfPath(String value) {
        try {
            Path typed = Path.of(value);
            if (value.isBlank() || typed.isAbsolute()) {
                return value;
            }
            Path candidate = resolve(typed);
            boolean names = Files.exists(candidate)
                    || (typed.getParent() != null && Files.isDirectory(candidate.getParent()));
            return names ? candidate.toString() : value;
        } catch (InvalidPathException notAPath) {
            return value;
        }
    }
}

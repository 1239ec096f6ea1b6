package io.conveyor.dataplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The directories a service reads or writes the files pipelines name. A path is checked as the
 * file system will see it: made absolute, {@code ..} removed, and symbolic links of its existing
 * part resolved, so neither traversal nor a link leads out of a root.
 *
 * @param roots       the allowed directories; none configured allows every path (see the service's
 *                    configuration page: production deployments set them)
 * @param settingKey  the configuration key of the list, named in refusals
 */
public record FileRoots(List<Path> roots, String settingKey) {

    public FileRoots {
        roots = List.copyOf(roots);
        Objects.requireNonNull(settingKey, "settingKey");
    }

    /** From configured strings; blank entries are ignored. */
    public static FileRoots of(List<String> roots, String settingKey) {
        return new FileRoots(roots == null ? List.of() : roots.stream().map(String::trim).filter(root -> !root.isEmpty())
                .map(Path::of).toList(), settingKey);
    }

    public boolean restricted() {
        return !roots.isEmpty();
    }

    /**
     * @param what names the path in the refusal, e.g. "source file"
     * @throws IllegalArgumentException naming the path and the roots when it lies outside all of them
     */
    public void check(String what, String path) {
        if (!restricted()) {
            return;
        }
        Path real = real(Path.of(path));
        if (roots.stream().map(FileRoots::real).noneMatch(real::startsWith)) {
            throw new IllegalArgumentException("%s %s is outside the allowed file roots %s (%s)".formatted(what, path,
                    roots.stream().map(Path::toString).collect(Collectors.joining(", ", "[", "]")), settingKey));
        }
    }

    /** The path with its longest existing ancestor replaced by that ancestor's real path. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + existing + ": " + e.getMessage(), e);
        }
    }
}

package io.conveyor.pipeline.spec.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.yaml.snakeyaml.error.Mark;

/**
 * Collects the problems of one file. Readers report what is wrong and carry on, so that one load
 * shows every problem; a reader builds its result only if nothing was reported meanwhile.
 */
final class Problems {

    private final String file;
    private final List<Problem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(Mark mark, String path, String message) {
        add(mark.getLine() + 1, mark.getColumn() + 1, path, message);
    }

    void add(int line, int column, String path, String message) {
        found.add(new Problem(file, line, column, path, message));
    }

    /** A mark to pass to {@link #buildIfNoneSince}. */
    int count() {
        return found.size();
    }

    /**
     * Builds a result only when no problem was reported since {@code mark}: every required value was
     * then present and valid.
     */
    <T> Optional<T> buildIfNoneSince(int mark, Supplier<T> build) {
        return found.size() == mark ? Optional.of(build.get()) : Optional.empty();
    }

    /**
     * Throws with the problems ordered by position. A problem in {@code defaults} shows up once,
     * however many tasks inherit it.
     */
    void throwIfAny() throws PipelineValidationException {
        if (!found.isEmpty()) {
            throw new PipelineValidationException(found.stream()
                    .distinct()
                    .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                    .toList());
        }
    }
}

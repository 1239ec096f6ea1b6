package io.conveyor.pipeline.spec.load;

import java.util.List;
import java.util.stream.Collectors;

/** A pipeline file that was refused, with every problem found in it, ordered by position. */
public final class PipelineValidationException extends Exception {

    private final transient List<Problem> problems;

    PipelineValidationException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}

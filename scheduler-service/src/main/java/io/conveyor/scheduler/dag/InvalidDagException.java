package io.conveyor.scheduler.dag;

/** A task graph that cannot be run, with the kind of problem and the task where it was found. */
public final class InvalidDagException extends RuntimeException {

    /** What is wrong with the graph. */
    public enum Problem {
        EMPTY, INVALID_TASK, DUPLICATE_TASK, DANGLING_DEPENDENCY, CYCLE
    }

    private final Problem problem;
    private final String taskId;

    public InvalidDagException(Problem problem, String taskId, String message) {
        super(message);
        this.problem = problem;
        this.taskId = taskId;
    }

    public Problem problem() {
        return problem;
    }

    /** The task the problem was found at; empty for {@link Problem#EMPTY}. */
    public String taskId() {
        return taskId;
    }
}

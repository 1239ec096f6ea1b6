package io.conveyor.extractor.command;

import io.conveyor.control.TaskCommand;

/** One attempt of one task of one run: what a CANCEL command names. */
record AttemptId(String runId, String taskId, int attempt) {

    static AttemptId of(TaskCommand command) {
        return new AttemptId(command.getRunId(), command.getTaskId(), command.getAttempt());
    }
}

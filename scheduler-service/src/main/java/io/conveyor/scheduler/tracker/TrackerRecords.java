package io.conveyor.scheduler.tracker;

import io.conveyor.control.RunEvent;
import io.conveyor.control.RunEventType;
import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskCounts;
import io.conveyor.scheduler.dag.RecordCounts;
import io.conveyor.scheduler.dag.RunStatus;
import java.time.Instant;

/** The control-plane records the tracker publishes for a run. */
public final class TrackerRecords {

    private TrackerRecords() {
    }

    public static TaskCommand command(TrackedRun run, String taskId, int attempt, TaskAction action, Instant now) {
        TaskLaunch launch = run.launch(taskId);
        return TaskCommand.newBuilder()
                .setRunId(run.runId())
                .setPipeline(run.pipeline())
                .setPipelineVersion(run.state().pipelineVersion())
                .setTaskId(taskId)
                .setKind(launch.kind())
                .setAttempt(attempt)
                .setAction(action)
                .setPriority(launch.priority())
                .setConfig(launch.config())
                .setParameters(run.state().parameters())
                .setInputTopics(launch.inputTopics())
                .setOutputTopic(launch.outputTopic())
                .setDeadLetterTopic(run.deadLetterTopic())
                .setIssuedAt(now)
                .build();
    }

    public static RunEvent event(TrackedRun run, RunEventType type, String message, Instant now) {
        return RunEvent.newBuilder()
                .setRunId(run.runId())
                .setPipeline(run.pipeline())
                .setPipelineVersion(run.state().pipelineVersion())
                .setType(type)
                .setTrigger(run.trigger())
                .setLogicalTime(run.logicalTime())
                .setTime(now)
                .setParameters(run.state().parameters())
                .setPriority(run.state().priority())
                .setCounts(counts(run.state().totals()))
                .setMessage(message)
                .build();
    }

    public static RunEventType eventType(RunStatus status) {
        return switch (status) {
            case QUEUED -> RunEventType.QUEUED;
            case RUNNING -> RunEventType.STARTED;
            case SUCCEEDED -> RunEventType.SUCCEEDED;
            case SUCCEEDED_WITH_REJECTS -> RunEventType.SUCCEEDED_WITH_REJECTS;
            case FAILED -> RunEventType.FAILED;
            case CANCELLED -> RunEventType.CANCELLED;
        };
    }

    static TaskCounts counts(RecordCounts counts) {
        return new TaskCounts(counts.recordsIn(), counts.recordsOut(), counts.recordsRejected(), counts.recordsDropped());
    }
}

package io.conveyor.launcher.run;

import io.conveyor.pipeline.spec.load.SchemaFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** One run of a pipeline file: deploy it, start a run with the given parameters, follow it to its end. */
public final class PipelineRun {

    private final SchedulerClient scheduler;
    private final PrintStream out;
    private final Clock clock;

    public PipelineRun(SchedulerClient scheduler, PrintStream out, Clock clock) {
        this.scheduler = scheduler;
        this.out = out;
        this.clock = clock;
    }

    /** Answers the finished run, and how long the launcher waited for it from the trigger on. */
    public Finished run(Path pipelineFile, Map<String, String> parameters) throws IOException, InterruptedException {
        // The scheduler never reads files a deployed definition names: the schema files go inline.
        Path directory = pipelineFile.toAbsolutePath().getParent();
        String pipeline = scheduler.deploy(SchemaFiles.inline(Files.readString(pipelineFile), directory),
                pipelineFile.getFileName().toString());
        out.println("Deployed pipeline " + pipeline + " from " + pipelineFile);
        long started = clock.millis();
        String runId = scheduler.trigger(pipeline, parameters);
        out.println("Started run " + runId + (parameters.isEmpty() ? "" : " with " + parameters));
        RunView view = new RunWatch(scheduler, out, clock).await(runId);
        return new Finished(pipeline, view, clock.millis() - started);
    }

    /** A finished run; {@code wallMillis} runs from the trigger request to the moment the launcher saw it finish. */
    public record Finished(String pipeline, RunView view, long wallMillis) {
    }
}

package io.conveyor.launcher;

import io.conveyor.launcher.run.DeadLetterSample;
import io.conveyor.launcher.run.PipelineRun;
import io.conveyor.launcher.run.RunReport;
import io.conveyor.launcher.run.SchedulerClient;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.pipeline.spec.load.PipelineValidationException;
import io.conveyor.schemas.TopicNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Runs one pipeline file on a local session and prints the report the run and example commands end with. */
final class LocalRun {

    private static final int DEAD_LETTERS_SHOWN = 5;

    private LocalRun() {
    }

    /** Validates the file before anything starts, so a bad pipeline is refused with file:line:column at once. */
    static PipelineSpec validate(Path pipelineFile) throws IOException, PipelineValidationException {
        return PipelineLoader.load(pipelineFile);
    }

    /**
     * Validates the file and shows the Avro names of CSV columns whose spelling differs (rules may
     * use either; records and tables carry the Avro names).
     */
    static PipelineSpec validate(Path pipelineFile, Map<String, String> parameters, PrintStream out)
            throws IOException, PipelineValidationException {
        PipelineSpec pipeline = validate(pipelineFile);
        List<String> renamed = FieldNames.renamed(pipeline, parameters);
        if (!renamed.isEmpty()) {
            out.println("Column names as Avro field names (rules may use either):");
            renamed.forEach(line -> out.println("  " + line));
        }
        return pipeline;
    }

    static RunReport runAndReport(LocalSession session, PipelineSpec pipeline, Path pipelineFile, Map<String, String> parameters,
                                  PrintStream out) throws IOException, InterruptedException {
        SchedulerClient scheduler = session.scheduler();
        PipelineRun.Finished finished = new PipelineRun(scheduler, out, Clock.systemUTC()).run(pipelineFile, parameters);
        String deadLetterTopic = TopicNames.defaults().deadLetters(finished.pipeline());
        RunReport report = new RunReport(pipeline, finished, deadLetterTopic, finished.view().rejected() == 0 ? List.of()
                : DeadLetterSample.first(session.bootstrapServers(), session.registryUrl(), deadLetterTopic,
                        finished.view().runId(), DEAD_LETTERS_SHOWN));
        report.print(out);
        out.println("  run detail     GET " + scheduler.runUrl(finished.view().runId()));
        out.flush();
        return report;
    }

    static boolean succeeded(RunReport report) {
        return report.run().view().status().startsWith("SUCCEEDED");
    }
}

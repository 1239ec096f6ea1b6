package io.conveyor.launcher;

import io.conveyor.launcher.run.RunReport;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.load.PipelineValidationException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one pipeline file once on the local stack, with progress and a summary. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Starts the stack, deploys PIPELINE, runs it once with progress and a summary, then stops (or keeps running).")
final class RunCommand implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline YAML file.")
    Path pipelineFile;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A run parameter; repeatable.")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--keep-running", description = "Keep the stack running after the run until Ctrl-C.")
    boolean keepRunning;

    private final PrintStream out;

    RunCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        LauncherSettings settings = stack.settings();
        PipelineSpec pipeline;
        try {
            pipeline = LocalRun.validate(pipelineFile, parameters, out);
        } catch (PipelineValidationException e) {
            out.println(e.getMessage());
            return 2;
        }
        LocalSession session = LocalSession.start(settings, out);
        try {
            RunReport report = LocalRun.runAndReport(session, pipeline, pipelineFile, parameters, out);
            if (keepRunning) {
                session.keepRunning();
            }
            return LocalRun.succeeded(report) ? 0 : 1;
        } finally {
            session.close();
        }
    }
}

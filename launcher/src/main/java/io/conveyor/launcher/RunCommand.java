package io.conveyor.launcher;

import io.conveyor.launcher.run.RunReport;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.load.PipelineValidationException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
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
        CallerDirectory caller = CallerDirectory.current();
        Path pipelineFile = caller.resolve(this.pipelineFile);
        Map<String, String> parameters = caller.resolveParameters(this.parameters);
        if (!Files.isRegularFile(pipelineFile)) {
            out.println("conveyor-local: pipeline file " + pipelineFile + (Files.exists(pipelineFile)
                    ? " is not a file" : " does not exist"));
            return 2;
        }
        LauncherSettings settings = stack.settings();
        PipelineSpec pipeline;
        try {
            pipeline = LocalRun.validate(pipelineFile, parameters, out);
        } catch (PipelineValidationException e) {
            out.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            out.println("conveyor-local: cannot read pipeline file " + pipelineFile + ": " + e);
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

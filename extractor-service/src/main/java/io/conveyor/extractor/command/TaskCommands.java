package io.conveyor.extractor.command;

import io.conveyor.dataplane.replay.ReplaySlice;
import io.conveyor.extractor.task.InvalidTaskConfigException;
import java.util.Optional;

import io.conveyor.control.TaskCommand;
import io.conveyor.dataplane.AllowedHosts;
import io.conveyor.dataplane.FileRoots;
import io.conveyor.extractor.task.ExtractConfig;
import io.conveyor.extractor.task.ExtractConfigParser;
import io.conveyor.extractor.task.ExtractTask;
import io.conveyor.pipeline.spec.param.RunParameters;
import io.conveyor.pipeline.spec.param.SourceParameters;
import io.conveyor.pipeline.spec.source.FileSource;
import io.conveyor.pipeline.spec.source.HttpSource;
import io.conveyor.pipeline.spec.source.JdbcSource;
import io.conveyor.pipeline.spec.source.SourceSpec;
import io.conveyor.schemas.TopicNames;

/**
 * Turns a START command into the task the extractor runs: the run's parameters resolved in the
 * source's templated settings, and topics the command leaves out filled in.
 */
final class TaskCommands {

    private final ExtractConfigParser parser;
    private final TopicNames topicNames;
    private final FileRoots fileRoots;
    private final AllowedHosts allowedHosts;

    TaskCommands(ExtractConfigParser parser, TopicNames topicNames, FileRoots fileRoots, AllowedHosts allowedHosts) {
        this.parser = parser;
        this.topicNames = topicNames;
        this.fileRoots = fileRoots;
        this.allowedHosts = allowedHosts;
    }

    ExtractTask toTask(TaskCommand command) {
        ExtractConfig config = parser.parse(command.getConfig());
        String output = command.getOutputTopic() != null ? command.getOutputTopic()
                : topicNames.data(command.getPipeline(), command.getTaskId());
        String deadLetters = command.getDeadLetterTopic() != null ? command.getDeadLetterTopic()
                : topicNames.deadLetters(command.getPipeline());
        String replay = command.getParameters().get(ReplaySlice.PARAMETER);
        if (replay != null) {
            // A replay run reads the letters it claimed, never the source (which may be gone or changed since).
            ReplaySlice slice = ReplaySlice.parse(replay).orElseThrow(() -> new InvalidTaskConfigException(
                    "run parameter " + ReplaySlice.PARAMETER + " is '" + replay + "', not partition:from-to"));
            return new ExtractTask(command.getRunId(), command.getPipeline(), command.getTaskId(), command.getAttempt(),
                    config.source(), config.key(), config.batchSize(), config.rejectThreshold(), output, deadLetters,
                    Optional.of(slice));
        }
        SourceSpec source = SourceParameters.resolve(config.source(), new RunParameters(command.getParameters()));
        // Checked after the parameters are in: -p input=../../etc/passwd is refused like a written path.
        if (source instanceof FileSource file) {
            fileRoots.check("source file", file.path());
        }
        if (source instanceof JdbcSource jdbc) {
            allowedHosts.checkUrl("JDBC source", jdbc.url());
        }
        if (source instanceof HttpSource http) {
            allowedHosts.checkUrl("HTTP source", http.url().toString());
        }
        return new ExtractTask(command.getRunId(), command.getPipeline(), command.getTaskId(), command.getAttempt(),
                source, config.key(), config.batchSize(), config.rejectThreshold(), output, deadLetters);
    }
}

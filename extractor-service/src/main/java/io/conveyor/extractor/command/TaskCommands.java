package io.conveyor.extractor.command;

import io.conveyor.control.TaskCommand;
import io.conveyor.extractor.task.ExtractConfig;
import io.conveyor.extractor.task.ExtractConfigParser;
import io.conveyor.extractor.task.ExtractTask;
import io.conveyor.pipeline.spec.param.RunParameters;
import io.conveyor.pipeline.spec.param.SourceParameters;
import io.conveyor.pipeline.spec.source.SourceSpec;
import io.conveyor.schemas.TopicNames;

/**
 * Turns a START command into the task the extractor runs: the run's parameters resolved in the
 * source's templated settings, and topics the command leaves out filled in.
 */
final class TaskCommands {

    private final ExtractConfigParser parser;
    private final TopicNames topicNames;

    TaskCommands(ExtractConfigParser parser, TopicNames topicNames) {
        this.parser = parser;
        this.topicNames = topicNames;
    }

    ExtractTask toTask(TaskCommand command) {
        ExtractConfig config = parser.parse(command.getConfig());
        String output = command.getOutputTopic() != null ? command.getOutputTopic()
                : topicNames.data(command.getPipeline(), command.getTaskId());
        String deadLetters = command.getDeadLetterTopic() != null ? command.getDeadLetterTopic()
                : topicNames.deadLetters(command.getPipeline());
        SourceSpec source = SourceParameters.resolve(config.source(), new RunParameters(command.getParameters()));
        return new ExtractTask(command.getRunId(), command.getPipeline(), command.getTaskId(), command.getAttempt(),
                source, config.key(), config.batchSize(), config.rejectThreshold(), output, deadLetters);
    }
}

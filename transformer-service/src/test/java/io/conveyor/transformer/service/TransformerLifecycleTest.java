package io.conveyor.transformer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.TargetSchema;
import io.conveyor.pipeline.spec.TriggerRule;
import io.conveyor.schemas.TopicNames;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.conveyor.transformer.TransformerApplication;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConveyorStackExtension.class)
class TransformerLifecycleTest {

    private static final Schema ROW = new Schema.Parser().parse("""
            {"type": "record", "name": "Row", "fields": [{"name": "id", "type": ["null", "string"]}]}""");

    private final ConveyorStack stack;

    TransformerLifecycleTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @Test
    void theTransformerEnvironmentRunsTheDataPath() {
        TopicNames names = new TopicNames(ConveyorStack.uniqueName("tfctx"));
        String input = names.data("p", "extract");
        String output = names.data("p", "copy");
        stack.createTopics(1, input, output, names.taskCommands(TaskKind.TRANSFORM), names.runs(), names.taskStatus(),
                names.deadLetters("p"));
        DataTopics topics = new DataTopics(stack);
        TaskSpec copy = new TaskSpec("copy", List.of("extract"), TriggerRule.ALL_SUCCESS, TaskSettings.DEFAULT, List.of(),
                new TaskWork.Transform(List.of(), Optional.of(TargetSchema.of(ROW))));

        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "conveyor.kafka.bootstrap-servers", stack.bootstrapServers(),
                "conveyor.kafka.schema-registry.url", stack.registryUrl(),
                "conveyor.kafka.topic-prefix", names.prefix(),
                "micronaut.server.port", -1), TransformerApplication.ENVIRONMENT)) {
            topics.publish(names.taskCommands(TaskKind.TRANSFORM), "p@m-1", TaskCommand.newBuilder().setRunId("p@m-1")
                    .setPipeline("p").setTaskId("copy").setKind(TaskKind.TRANSFORM).setAction(TaskAction.START)
                    .setConfig(copy.canonicalJson()).setInputTopics(List.of(input)).setOutputTopic(output)
                    .setDeadLetterTopic(names.deadLetters("p")).setIssuedAt(Instant.now()).build());
            topics.produceRun(input, "p@m-1", "extract", 1,
                    List.of(new DataTopics.Data(0, "k", new GenericRecordBuilder(ROW).set("id", "1").build())));

            TaskStatus done = topics.readUntil(names.taskStatus(), records -> records.size() == 2).stream()
                    .map(record -> topics.<TaskStatus>specific(record))
                    .filter(status -> status.getState() != TaskStatusType.STARTED).findFirst().orElseThrow();

            assertThat(done.getState()).isEqualTo(TaskStatusType.PARTITION_DONE);
            assertThat(done.getCounts().getRecordsOut()).isEqualTo(1L);
        }
    }
}

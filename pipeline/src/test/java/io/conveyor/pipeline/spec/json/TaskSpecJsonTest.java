package io.conveyor.pipeline.spec.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TaskSpecJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"extract-orders", "extract-customers", "extract-rates", "clean", "load", "archive",
            "refresh-report"})
    void everyTaskOfAPipelineReadsBackEqual(String taskId) throws Exception {
        PipelineSpec pipeline = PipelineLoader.load(Path.of("src/test/resources/pipelines/orders.yaml"));
        TaskSpec task = pipeline.task(taskId).orElseThrow();

        String json = TaskSpecJson.write(task);

        assertThat(TaskSpecJson.read(json)).isEqualTo(task);
    }

    @Test
    void variantsAreNamedByTheirSimpleClassName() throws Exception {
        PipelineSpec pipeline = PipelineLoader.load(Path.of("src/test/resources/pipelines/orders.yaml"));

        String json = TaskSpecJson.write(pipeline.task("clean").orElseThrow());

        assertThat(json).contains("\"@type\":\"Transform\"", "\"@type\":\"Rename\"", "\"@type\":\"Coerce\"");
    }

    @Test
    void malformedConfigIsAnInvalidTaskConfig() {
        assertThatThrownBy(() -> TaskSpecJson.read("{\"id\":\"x\",\"work\":{\"@type\":\"Nope\"}}"))
                .isInstanceOf(InvalidTaskConfigException.class)
                .hasMessageContaining("Nope");
    }
}

package io.conveyor.extractor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;

/** Task configs as the tracker makes them: the task's part of a loaded pipeline's canonical JSON. */
public final class TaskConfigs {

    private TaskConfigs() {
    }

    /** @param taskYaml one task's YAML block, indented by four spaces (a list item under {@code tasks:}) */
    public static PipelineSpec pipeline(String pipeline, String taskYaml) {
        try {
            return PipelineLoader.parse("name: " + pipeline + "\ntasks:\n" + taskYaml, pipeline + ".yaml");
        } catch (Exception e) {
            throw new IllegalArgumentException("bad test pipeline: " + e.getMessage(), e);
        }
    }

    public static String canonicalTaskJson(String pipeline, String taskYaml) {
        try {
            JsonNode tasks = JsonMapper.builder().build().readTree(pipeline(pipeline, taskYaml).canonicalJson()).get("tasks");
            return tasks.get(0).toString();
        } catch (Exception e) {
            throw new IllegalArgumentException("bad test pipeline: " + e.getMessage(), e);
        }
    }
}

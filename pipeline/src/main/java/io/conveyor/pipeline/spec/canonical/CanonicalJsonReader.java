package io.conveyor.pipeline.spec.canonical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.conveyor.pipeline.cron.CronSchedule;
import io.conveyor.pipeline.spec.AlertSpec;
import io.conveyor.pipeline.spec.CatchupPolicy;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.RetryPolicy;
import io.conveyor.pipeline.spec.TargetSchema;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.TriggerRule;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The inverse of {@link PipelineSpec#canonicalJson()}: reads the document member by member into the
 * spec records. Only members of empty Optionals may be missing; anything else unexpected (unknown
 * members or types, wrong JSON types, duplicate keys) is refused, because accepting it would give a
 * spec with a different fingerprint than the document it came from.
 */
public final class CanonicalJsonReader {

    // Decimals (rule bounds, the reject threshold) are read exactly, as the writer wrote them.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Variants<TaskWork> WORK = new Variants<TaskWork>()
            .with(TaskWork.Extract.class, object -> object.build(() -> new TaskWork.Extract(
                    SourceDecoder.source(object.required("source")))))
            .with(TaskWork.Transform.class, object -> object.build(() -> new TaskWork.Transform(
                    object.required("rules").list(RuleDecoder::rule),
                    object.optional("schema").map(CanonicalJsonReader::targetSchema))))
            .with(TaskWork.Load.class, object -> object.build(() -> new TaskWork.Load(SinkDecoder.sink(object.required("sink")))))
            .with(TaskWork.Sql.class, object -> object.build(() -> new TaskWork.Sql(object.required("statement").text())));

    private CanonicalJsonReader() {
    }

    /**
     * @throws CanonicalJsonException naming the JSON path of the first problem, also when the spec's
     *                                own validation (e.g. a dependency cycle) refuses the content
     */
    public static PipelineSpec read(String json) {
        return pipeline(new JsonValue(parse(json), "").object());
    }

    /**
     * One task as it stands in the pipeline's canonical JSON ({@code tasks[i]}): what a task command
     * carries, so the executing service gets the pinned task without the rest of the pipeline.
     *
     * @throws CanonicalJsonException naming the JSON path of the first problem
     */
    public static TaskSpec readTask(String json) {
        return task(new JsonValue(parse(json), ""));
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CanonicalJsonException("", "not JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at " + e.getLocation().offsetDescription()), e);
        }
    }

    private static PipelineSpec pipeline(JsonObject object) {
        return object.build(() -> new PipelineSpec(object.required("name").text(),
                object.optional("description").map(JsonValue::text),
                object.optional("schedule").map(schedule -> schedule.parsed("cron schedule", CronSchedule::parse)),
                object.required("timezone").parsed("zone id", ZoneId::of),
                object.required("catchup").constant(CatchupPolicy.class),
                object.required("maxCatchupRuns").integer(), object.required("maxActiveRuns").integer(),
                object.required("parameters").textMap(),
                object.required("tasks").list(CanonicalJsonReader::task),
                object.optional("alerts").map(CanonicalJsonReader::alerts)));
    }

    private static AlertSpec alerts(JsonValue value) {
        JsonObject object = value.object();
        return object.build(() -> new AlertSpec(object.optional("sla").map(CanonicalJsonReader::duration),
                object.required("onFailure").flag(), object.optional("rejectRate").map(JsonValue::number),
                object.required("channels").texts()));
    }

    private static TaskSpec task(JsonValue value) {
        JsonObject object = value.object();
        return object.build(() -> new TaskSpec(object.required("id").text(), object.required("dependsOn").texts(),
                object.required("triggerRule").constant(TriggerRule.class), settings(object.required("settings")),
                object.required("key").texts(), WORK.read(object.required("work"))));
    }

    private static TaskSettings settings(JsonValue value) {
        JsonObject object = value.object();
        return object.build(() -> new TaskSettings(object.required("batchSize").integer(), retry(object.required("retry")),
                object.optional("timeout").map(CanonicalJsonReader::duration), object.required("priority").integer(),
                object.required("rejectThreshold").number()));
    }

    private static RetryPolicy retry(JsonValue value) {
        JsonObject object = value.object();
        return object.build(() -> new RetryPolicy(object.required("maxRetries").integer(),
                duration(object.required("backoff")), duration(object.required("maxBackoff"))));
    }

    private static Duration duration(JsonValue value) {
        return value.parsed("ISO-8601 duration", Duration::parse);
    }

    private static TargetSchema targetSchema(JsonValue value) {
        JsonObject object = value.object();
        return object.build(() -> new TargetSchema(object.required("avroJson").text()));
    }
}

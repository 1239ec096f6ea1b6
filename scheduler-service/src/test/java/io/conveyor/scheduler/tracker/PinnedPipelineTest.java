package io.conveyor.scheduler.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.control.TaskKind;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.pipeline.spec.load.PipelineValidationException;
import io.conveyor.schemas.TopicNames;
import io.conveyor.scheduler.dag.DagTask;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PinnedPipelineTest {

    private final TopicNames topics = new TopicNames("t");

    @Test
    void pinsTheGraphLimitsAndWhatEachTaskCommandCarries() throws Exception {
        PinnedPipeline pinned = PinnedPipeline.pin(Fixtures.version("diamond", 3), topics);

        assertThat(pinned.version()).isEqualTo(3);
        assertThat(pinned.maxActiveRuns()).isEqualTo(1);
        assertThat(pinned.parameters()).containsEntry("region", "eu");
        assertThat(pinned.dag().topologicalOrder()).containsExactly("extract", "clean", "enrich", "join", "load");
        assertThat(pinned.deadLetterTopic()).isEqualTo("t.dlq.diamond");
        TaskLaunch join = pinned.launches().get("join");
        assertThat(join.kind()).isEqualTo(TaskKind.TRANSFORM);
        assertThat(join.inputTopics()).containsExactly("t.data.diamond.clean", "t.data.diamond.enrich");
        assertThat(join.outputTopic()).isEqualTo("t.data.diamond.join");
        assertThat(pinned.launches().get("clean").config()).contains("\"id\":\"clean\"").contains("\"@type\":\"Trim\"");
    }

    @Test
    void mapsTheExecutionSettingsOntoTheDagTask() throws Exception {
        DagTask extract = PinnedPipeline.pin(Fixtures.version("retrying", 1), topics).dag().task("extract");

        assertThat(extract.retries()).isEqualTo(2);
        assertThat(extract.retryBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(extract.maxRetryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(extract.timeout()).isEqualTo(Optional.of(Duration.ofSeconds(3)));
    }

    @Test
    void transformAndLoadTasksStreamTheirInputUnlessAnUpstreamTaskCanFailOnItsRejects() throws Exception {
        PipelineSpec spec = PipelineLoader.parse("""
                name: streams
                tasks:
                  - {id: extract, kind: extract, source: {type: csv, path: /in.csv}}
                  - {id: clean, kind: transform, dependsOn: [extract]}
                  - {id: load, kind: load, dependsOn: [clean], sink: {type: file, path: /out.csv}}
                  - {id: strict, kind: transform, dependsOn: [extract], rejectThreshold: 5%}
                  - {id: after-strict, kind: load, dependsOn: [strict], sink: {type: file, path: /out2.csv}}
                  - {id: below-strict, kind: transform, dependsOn: [strict]}
                  - {id: load-below, kind: load, dependsOn: [below-strict], sink: {type: file, path: /out3.csv}}
                  - {id: cleanup, kind: load, dependsOn: [clean], triggerRule: all_done, sink: {type: file, path: /out4.csv}}
                  - {id: report, kind: sql, dependsOn: [load], sql: SELECT 1}
                """, "streams.yaml");

        assertThat(spec.tasks()).filteredOn(task -> PinnedPipeline.streamsInput(spec, task)).extracting(TaskSpec::id)
                .containsExactly("clean", "load", "strict");
    }

    @Test
    void refusesAVersionWhoseDefinitionNamesAnotherPipeline() {
        var version = Fixtures.version("diamond", 1);
        version.setName("other");

        assertThatThrownBy(() -> PinnedPipeline.pin(version, topics)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'other'").hasMessageContaining("'diamond'");
    }

    @Test
    void refusesADefinitionThatNoLongerParses() {
        var version = Fixtures.version("diamond", 1);
        version.setDefinition("name: diamond\ntasks: []\n");

        assertThatThrownBy(() -> PinnedPipeline.pin(version, topics)).isInstanceOf(PipelineValidationException.class);
    }
}

package io.conveyor.scheduler.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.schemas.TopicNames;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayRoutesTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    /** extract -> clean -> enrich -> load, and extract -> audit (a second branch) -> archive. */
    private static final String BRANCHED = """
            name: orders
            tasks:
              - {id: extract, kind: extract, source: {type: csv, path: /data/orders.csv}}
              - {id: clean, kind: transform, dependsOn: [extract], rules: [{trim: "*"}]}
              - {id: enrich, kind: transform, dependsOn: [clean], rules: [{trim: "*"}]}
              - {id: load, kind: load, dependsOn: [enrich], sink: {type: file, path: /out/orders.csv, format: csv}}
              - {id: audit, kind: transform, dependsOn: [extract], rules: [{trim: "*"}]}
              - {id: archive, kind: load, dependsOn: [audit], sink: {type: file, path: /out/audit.csv, format: csv}}
            """;

    private final ReplayRoutes routes = new ReplayRoutes(parse(BRANCHED), TOPICS);

    @Test
    void aTransformRejectReentersAtThatTransformRightAfterTheExtract() {
        assertThat(routes.route("clean", TOPICS.data("orders", "extract")))
                .contains(new ReplayRoutes.Route("extract", List.of("clean")));
    }

    @Test
    void aLoadRejectPassesTheTransformsBetweenTheExtractAndTheLoad() {
        ReplayRoutes.Route route = routes.route("load", TOPICS.data("orders", "enrich")).orElseThrow();

        assertThat(route).isEqualTo(new ReplayRoutes.Route("extract", List.of("clean", "enrich", "load")));
        assertThat(route.header()).isEqualTo("clean,enrich,load");
    }

    @Test
    void aRejectOnTheOtherBranchTakesItsOwnRoute() {
        assertThat(routes.route("archive", TOPICS.data("orders", "audit")))
                .contains(new ReplayRoutes.Route("extract", List.of("audit", "archive")));
    }

    @Test
    void aTaskTheCurrentVersionNoLongerHasOrNoLongerReadsThatTopicFromHasNoRoute() {
        assertThat(routes.route("dedupe", TOPICS.data("orders", "extract"))).isEmpty();
        assertThat(routes.route("load", TOPICS.data("orders", "clean"))).as("load reads enrich now").isEmpty();
        assertThat(routes.route("load", null)).isEmpty();
    }

    @Test
    void anExtractRejectHasNoRouteBecauseItNeverBecameARecord() {
        assertThat(routes.route("extract", "/data/orders.csv:17")).isEmpty();
    }

    private static io.conveyor.pipeline.spec.PipelineSpec parse(String yaml) {
        try {
            return PipelineLoader.parse(yaml, "orders.yaml");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

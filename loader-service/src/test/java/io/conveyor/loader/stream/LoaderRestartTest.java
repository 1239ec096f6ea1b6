package io.conveyor.loader.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.loader.LoaderApplication;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.pipeline.spec.sink.WriteMode;
import io.conveyor.testkit.ConveyorStack;
import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoaderRestartTest extends LoaderFixtureTest {

    private static final int RECORDS = 300;

    LoaderRestartTest(ConveyorStack stack) {
        super(stack);
    }

    @Test
    void aLoaderStoppedMidRunAndReplacedLoadsEveryRecordExactlyOnce() throws Exception {
        fixture.command("people@m-r", new TableTarget("restarted", WriteMode.APPEND, List.of()));
        List<DataTopics.Data> records = new ArrayList<>();
        for (int id = 0; id < RECORDS; id++) {
            records.add(new DataTopics.Data(id % 2, Integer.toString(id), LoadServiceTest.person(id, "p" + id, "1")));
        }
        fixture.topics.produceRun(fixture.input, "people@m-r", "clean", 2, records);

        try (ApplicationContext first = loader()) {
            LoaderFixture.await("the first loader to stage rows", () -> fixture.stagedRows() > 0);
        }
        try (ApplicationContext second = loader()) {
            fixture.awaitDone("people@m-r", 2);

            assertThat(fixture.count("SELECT count(*) FROM restarted")).isEqualTo(RECORDS);
            assertThat(fixture.count("SELECT count(DISTINCT id) FROM restarted")).isEqualTo(RECORDS);
        }
    }

    @Test
    void twoLoadersShareARunAndExactlyOneMergesIt() throws Exception {
        fixture.command("people@m-two", new TableTarget("shared", WriteMode.APPEND, List.of()));
        try (LoadService one = fixture.service(1); LoadService two = fixture.service(1)) {
            List<DataTopics.Data> records = new ArrayList<>();
            for (int id = 0; id < RECORDS; id++) {
                records.add(new DataTopics.Data(id % 2, Integer.toString(id), LoadServiceTest.person(id, "p" + id, "1")));
            }
            fixture.topics.produceRun(fixture.input, "people@m-two", "clean", 2, records);

            fixture.awaitDone("people@m-two", 2);

            assertThat(fixture.count("SELECT count(*) FROM shared")).isEqualTo(RECORDS);
            assertThat(fixture.count("SELECT count(DISTINCT id) FROM shared")).isEqualTo(RECORDS);
            assertThat(fixture.stagingTables()).isEmpty();
        }
    }

    private ApplicationContext loader() {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "conveyor.kafka.bootstrap-servers", stack.bootstrapServers(),
                "conveyor.kafka.schema-registry.url", stack.registryUrl(),
                "conveyor.kafka.topic-prefix", fixture.names.prefix(),
                "conveyor.loader.max-poll-records", 1,
                "micronaut.server.port", -1));
        fixture.warehouse.defaultWarehouse().ifPresent(file -> properties.put("conveyor.loader.warehouse-path", file.toString()));
        return ApplicationContext.run(properties, LoaderApplication.ENVIRONMENT);
    }
}

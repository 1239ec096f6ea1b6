package io.conveyor.loader.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.loader.LoaderApplication;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.pipeline.spec.sink.WriteMode;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConveyorStackExtension.class)
class LoaderRestartTest {

    private static final int RECORDS = 300;

    private final ConveyorStack stack;
    private LoaderFixture fixture;

    LoaderRestartTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void database() throws Exception {
        fixture = fixture(stack);
    }

    LoaderFixture fixture(ConveyorStack stack) throws Exception {
        return LoaderFixture.postgres(stack);
    }

    @AfterEach
    void drop() throws Exception {
        fixture.close();
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
                "conveyor.loader.bootstrap-servers", stack.bootstrapServers(),
                "conveyor.loader.schema-registry-url", stack.registryUrl(),
                "conveyor.loader.topic-prefix", fixture.names.prefix(),
                "conveyor.loader.max-poll-records", 1,
                "micronaut.server.port", -1));
        fixture.warehouse.defaultWarehouse().ifPresent(file -> properties.put("conveyor.loader.warehouse-path", file.toString()));
        return ApplicationContext.run(properties, LoaderApplication.ENVIRONMENT);
    }
}

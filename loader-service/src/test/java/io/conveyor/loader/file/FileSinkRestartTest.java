package io.conveyor.loader.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.loader.sink.SinkFixture;
import io.conveyor.pipeline.spec.sink.FileFormat;
import io.conveyor.pipeline.spec.sink.FileSink;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(ConveyorStackExtension.class)
class FileSinkRestartTest {

    private static final int RECORDS = 300;
    private static final String TAIL = ",1.00,2000-01-02,2024-05-06T07:08:09.120Z";

    private final ConveyorStack stack;
    @TempDir
    Path directory;

    FileSinkRestartTest(ConveyorStack stack) {
        this.stack = stack;
    }

    /**
     * The first loader stops mid-run; a part left by an attempt that never committed (as a
     * loader killed between renaming a part and committing its offsets leaves one) must not
     * reach the output.
     */
    @Test
    void aLoaderStoppedMidRunAndReplacedWritesEveryRecordExactlyOnce() throws Exception {
        SinkFixture fixture = new SinkFixture(stack);
        Path output = directory.resolve("restarted.csv");
        Path staging = directory.resolve(".conveyor-staging").resolve("restarted.csv.people_f-r");
        fixture.command("people@f-r", new FileSink(output.toString(), FileFormat.CSV));
        List<DataTopics.Data> records = new ArrayList<>();
        for (int id = 0; id < RECORDS; id++) {
            records.add(new DataTopics.Data(id % 2, Integer.toString(id), SinkFixture.person(id, "p" + id, "1")));
        }
        fixture.topics.produceRun(fixture.input, "people@f-r", "clean", 2, records);

        try (ApplicationContext first = fixture.application()) {
            SinkFixture.await("the first loader to stage parts", () -> parts(staging) > 4);
        }
        int open = Files.exists(staging.resolve("00000.done")) ? 1 : 0;
        Files.writeString(staging.resolve(String.format("%05d-%020d.part", open, 999_999L)),
                "id,name,amount,born,seen\r\n999,uncommitted" + TAIL + "\r\n");
        try (ApplicationContext second = fixture.application()) {
            fixture.awaitDone("people@f-r", 2);
            SinkFixture.await("the output", () -> Files.exists(output));
        }

        List<String> expected = new ArrayList<>(List.of("id,name,amount,born,seen"));
        for (int partition = 0; partition < 2; partition++) {
            for (int id = partition; id < RECORDS; id += 2) {
                expected.add(id + ",p" + id + TAIL);
            }
        }
        assertThat(Files.readAllLines(output)).containsExactlyElementsOf(expected);
    }

    private static long parts(Path staging) {
        if (!Files.exists(staging)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.filter(file -> file.toString().endsWith(".part")).count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }
}

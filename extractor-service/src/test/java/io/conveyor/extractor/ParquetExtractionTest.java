package io.conveyor.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskStatusType;
import io.conveyor.extractor.source.parquet.ParquetRecordSourceTest;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(ConveyorStackExtension.class)
class ParquetExtractionTest {

    @TempDir
    Path dir;

    @Test
    void extractsASnappyParquetFileWithItsOwnSchema(ConveyorStack stack) throws Exception {
        Path file = ParquetRecordSourceTest.write(dir.resolve("sales.parquet"), 7, CompressionCodecName.SNAPPY);
        ExtractorHarness harness = new ExtractorHarness(stack, "sales");
        String output = harness.createOutput("extract", 2);
        try (ApplicationContext extractor = harness.startExtractor("p")) {
            harness.start("sales@m-1", "extract", TaskConfigs.canonicalTaskJson("sales", """
                      - id: extract
                        kind: extract
                        batchSize: 3
                        key: [id]
                        source: {type: parquet, path: "%s"}
                    """.formatted(file)));
            harness.awaitState("sales@m-1", "extract", TaskStatusType.SUCCEEDED);
        }
        List<ConsumerRecord<byte[], byte[]>> records = harness.readAll(output);
        List<GenericRecord> rows = records.stream().filter(r -> !ExtractorHarness.isEnd(r))
                .map(r -> harness.<GenericRecord>decode(output, r.value(), false)).toList();
        assertThat(rows).extracting(r -> r.get("id")).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(rows.get(0).getSchema().getFullName()).isEqualTo("test.Sale");
        CsvExtractionTest.assertEndMarkers(records, 2);
    }
}

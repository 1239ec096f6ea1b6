package io.conveyor.extractor.source.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceContext;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.pipeline.spec.source.CsvSource;
import io.conveyor.pipeline.spec.source.EncodingErrors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRecordSourceTest {

    @TempDir
    Path dir;

    @Test
    void parsesQuotedFieldsAcrossLinesAndRejectsMalformedRecordsOnTheirOwn() throws Exception {
        Path file = write("id,name\n1,\"Smith, Anna\"\n2,\"a\"b\"c\"\n3,x,y\n\n4,\"two\nlines\"\n5,\"say \"\"hi\"\"\"\n");
        List<String> items = items(csv(file, Optional.empty()), Optional.empty());
        assertThat(items).containsExactly("1|Smith, Anna", "rejected " + file + ":3", "rejected " + file + ":4",
                "4|two\nlines", "5|say \"hi\"");
    }

    @Test
    void resumesAfterThePositionOfTheLastItemWithTheHeadersNames() throws Exception {
        Path file = write("id,name\n1,a\n2,b\n3,c\n");
        String position;
        try (RecordSource source = CsvRecordSource.open(csv(file, Optional.empty()), context(Optional.empty()))) {
            source.next();
            source.next();
            position = source.position();
        }
        assertThat(items(csv(file, Optional.empty()), Optional.of(position))).containsExactly("3|c");
    }

    @Test
    void appliesTheNullValueAndAnEscapeCharacter() throws Exception {
        Path file = write("id,name\n1,-\n2,\"a\\\"b\"\n");
        CsvSource spec = new CsvSource(file.toString(), true, ',', '"', Optional.of('\\'), "UTF-8", false, List.of(),
                Optional.of("-"));
        assertThat(items(spec, Optional.empty())).containsExactly("1|null", "2|a\"b");
    }

    @Test
    void keepsTheRejectedRecordsBytes() throws Exception {
        Path file = write("id,name\n9,x,y\n");
        try (RecordSource source = CsvRecordSource.open(csv(file, Optional.empty()), context(Optional.empty()))) {
            SourceItem.Rejected rejected = (SourceItem.Rejected) source.next().orElseThrow();
            assertThat(new String(rejected.original(), StandardCharsets.UTF_8)).isEqualTo("9,x,y");
            assertThat(rejected.message()).contains("expected 2 columns but found 3");
        }
    }

    @Test
    void aUtf8ByteOrderMarkDoesNotRenameTheFirstColumn() throws Exception {
        Path file = writeBytes(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "id,name\n1,a\n".getBytes(StandardCharsets.UTF_8)));
        try (RecordSource source = CsvRecordSource.open(csv(file, Optional.empty()), context(Optional.empty()))) {
            GenericRecord record = ((SourceItem.Extracted) source.next().orElseThrow()).record();
            assertThat(record.getSchema().getFields()).extracting(field -> field.name()).containsExactly("id", "name");
            assertThat(record.get("id")).isEqualTo("1");
        }
    }

    @Test
    void aLineWithInvalidUtf8IsRejectedWithItsPositionUnlessReplacementIsAsked() throws Exception {
        byte[] bad = concat("2,caf".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE9, 'x'});
        Path file = writeBytes(concat("id,name\n1,a\n".getBytes(StandardCharsets.UTF_8), bad, "\n3,c\n".getBytes(StandardCharsets.UTF_8)));

        List<SourceItem> strict = all(csv(file, Optional.empty()));
        CsvSource lenient = new CsvSource(file.toString(), true, ',', '"', Optional.empty(), "UTF-8", false, List.of(),
                Optional.empty(), EncodingErrors.REPLACE);

        assertThat(strict).hasSize(3);
        SourceItem.Rejected rejected = (SourceItem.Rejected) strict.get(1);
        assertThat(rejected.sourcePosition()).isEqualTo(file + ":3");
        assertThat(rejected.message()).contains("invalid UTF-8 at byte 5");
        assertThat(rejected.original()).isEqualTo(bad);
        assertThat(items(lenient, Optional.empty())).containsExactly("1|a", "2|caf\uFFFDx", "3|c");
    }

    @Test
    void aLineEndInsideAQuotedFieldIsKeptAsWritten() throws Exception {
        Path file = write("id,name\r\n1,\"first\r\nsecond\"\r\n2,\"a\rb\"\r\n3,plain\r\n");
        assertThat(items(csv(file, Optional.empty()), Optional.empty()))
                .containsExactly("1|first\r\nsecond", "2|a\rb", "3|plain");
    }

    @Test
    void aRecordLongerThanTheBoundIsRejectedWithItsFirstBytesAndTheNextLinesStillRead() throws Exception {
        Path file = write("id,name\n1,a\n2," + "x".repeat(10_000) + "\n3,c\n");
        List<SourceItem> items = new ArrayList<>();
        try (RecordSource source = CsvRecordSource.open(csv(file, Optional.empty()),
                new SourceContext("p_t", Optional.empty(), Optional.empty(), Map.of(), 1_000))) {
            for (Optional<SourceItem> item = source.next(); item.isPresent(); item = source.next()) {
                items.add(item.get());
            }
        }
        assertThat(items).hasSize(3);
        SourceItem.Rejected rejected = (SourceItem.Rejected) items.get(1);
        assertThat(rejected.sourcePosition()).isEqualTo(file + ":3");
        assertThat(rejected.message()).contains("limit of 1,000 bytes (conveyor.extractor.max-record-bytes)");
        assertThat(rejected.original()).hasSizeLessThanOrEqualTo(1_000);
        assertThat(((SourceItem.Extracted) items.get(2)).record().get("name")).isEqualTo("c");
    }

    private List<SourceItem> all(CsvSource spec) throws Exception {
        List<SourceItem> items = new ArrayList<>();
        try (RecordSource source = CsvRecordSource.open(spec, context(Optional.empty()))) {
            for (Optional<SourceItem> item = source.next(); item.isPresent(); item = source.next()) {
                items.add(item.get());
            }
        }
        return items;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private Path writeBytes(byte[] bytes) throws Exception {
        Path file = dir.resolve("f" + System.nanoTime() + ".csv");
        Files.write(file, bytes);
        return file;
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("f" + System.nanoTime() + ".csv");
        Files.writeString(file, text);
        return file;
    }

    private static CsvSource csv(Path file, Optional<String> nullValue) {
        return new CsvSource(file.toString(), true, ',', '"', Optional.empty(), "UTF-8", false, List.of(), nullValue);
    }

    private static SourceContext context(Optional<String> resume) {
        return new SourceContext("p_t", resume, Optional.empty(), Map.of());
    }

    private static List<String> items(CsvSource spec, Optional<String> resume) throws Exception {
        List<String> items = new ArrayList<>();
        try (RecordSource source = CsvRecordSource.open(spec, context(resume))) {
            for (Optional<SourceItem> item = source.next(); item.isPresent(); item = source.next()) {
                if (item.get() instanceof SourceItem.Extracted extracted) {
                    GenericRecord record = extracted.record();
                    items.add(record.get("id") + "|" + record.get("name"));
                } else {
                    items.add("rejected " + ((SourceItem.Rejected) item.get()).sourcePosition());
                }
            }
        }
        return items;
    }
}

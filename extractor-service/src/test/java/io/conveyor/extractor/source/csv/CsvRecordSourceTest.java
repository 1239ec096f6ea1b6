package io.conveyor.extractor.source.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceContext;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.pipeline.spec.source.CsvSource;
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

package io.conveyor.extractor.source.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceContext;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.pipeline.spec.source.JsonArraySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonArrayRecordSourceTest {

    @TempDir
    Path dir;

    @Test
    void readsElementsAndResumesAfterACount() throws Exception {
        Path file = dir.resolve("a.json");
        Files.writeString(file, "  [{\"id\":1,\"o\":{\"deep\":[1,2]}}, \"text\", {\"id\":3}]");
        assertThat(items(file, Optional.empty())).containsExactly("1", "rejected " + file + ":element 2", "3");
        assertThat(items(file, Optional.of("2"))).containsExactly("3");
    }

    @Test
    void aSyntaxErrorEndsTheSource() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "[{\"id\":1}, {\"id\": ]");
        assertThatThrownBy(() -> items(file, Optional.empty())).isInstanceOf(IOException.class);
    }

    private static List<String> items(Path file, Optional<String> resume) throws Exception {
        List<String> items = new ArrayList<>();
        try (RecordSource source = JsonArrayRecordSource.open(new JsonArraySource(file.toString(), "UTF-8", false),
                new SourceContext("p_t", resume, Optional.empty(), Map.of()))) {
            for (Optional<SourceItem> item = source.next(); item.isPresent(); item = source.next()) {
                items.add(item.get() instanceof SourceItem.Extracted extracted ? extracted.record().get("id").toString()
                        : "rejected " + ((SourceItem.Rejected) item.get()).sourcePosition());
            }
        }
        return items;
    }
}

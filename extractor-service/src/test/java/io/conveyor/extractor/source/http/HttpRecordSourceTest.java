package io.conveyor.extractor.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceContext;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.pipeline.spec.source.HttpMethod;
import io.conveyor.pipeline.spec.source.HttpSource;
import io.conveyor.pipeline.spec.source.Pagination;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpRecordSourceTest {

    private final FakeApi api = new FakeApi(5);

    HttpRecordSourceTest() throws Exception {
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void walksOffsetPagesUntilAnEmptyPage() throws Exception {
        HttpSource spec = source(api.url("/offsets"), "", new Pagination.Offset("offset", new Pagination.PageSize("limit", 2)));
        assertThat(ids(spec, Optional.empty())).containsExactly("1", "2", "3", "4", "5");
        assertThat(api.requests()).containsExactly("/offsets?offset=0&limit=2", "/offsets?offset=2&limit=2",
                "/offsets?offset=4&limit=2", "/offsets?offset=5&limit=2");
    }

    @Test
    void followsCursorsUntilTheCursorIsMissing() throws Exception {
        HttpSource spec = source(api.url("/cursor"), "/items", new Pagination.Cursor("after", "/meta/next", Optional.empty()));
        assertThat(ids(spec, Optional.empty())).containsExactly("1", "2", "3", "4", "5");
        assertThat(api.requests()).hasSize(3);
    }

    @Test
    void followsNextLinksFromTheHeaderOrTheBody() throws Exception {
        assertThat(ids(source(api.url("/links"), "", new Pagination.Link(Optional.empty())), Optional.empty()))
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(ids(source(api.url("/body-links"), "/items", new Pagination.Link(Optional.of("/next"))), Optional.empty()))
                .containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void keepsNestedValuesAsJsonText() throws Exception {
        HttpSource spec = source(api.url("/offsets"), "", new Pagination.Offset("offset", new Pagination.PageSize("limit", 5)));
        try (RecordSource source = HttpRecordSource.open(spec, context(Optional.empty()))) {
            source.next();
            source.next();
            GenericRecord third = ((SourceItem.Extracted) source.next().orElseThrow()).record();
            assertThat(third.get("tags")).isEqualTo("[\"a\",\"b\"]");
        }
    }

    @Test
    void resumesInTheMiddleOfAPageAndStopsAtMaxPages() throws Exception {
        HttpSource spec = source(api.url("/pages"), "/data", new Pagination.Page("page", Optional.of(new Pagination.PageSize("size", 2))));
        String position;
        try (RecordSource source = HttpRecordSource.open(spec, context(Optional.empty()))) {
            for (int i = 0; i < 3; i++) {
                source.next();
            }
            position = source.position();
        }
        assertThat(ids(spec, Optional.of(position))).containsExactly("4", "5");
        HttpSource twoPages = new HttpSource(spec.url(), HttpMethod.GET, Map.of(), "/data", spec.pagination(), Optional.of(2));
        assertThat(ids(twoPages, Optional.empty())).containsExactly("1", "2", "3", "4");
    }

    private static HttpSource source(URI url, String itemsPath, Pagination pagination) {
        return new HttpSource(url, HttpMethod.GET, Map.of(), itemsPath, pagination, Optional.empty());
    }

    private static SourceContext context(Optional<String> resume) {
        return new SourceContext("p_t", resume, Optional.empty(), Map.of());
    }

    private static List<String> ids(HttpSource spec, Optional<String> resume) throws Exception {
        List<String> ids = new ArrayList<>();
        try (RecordSource source = HttpRecordSource.open(spec, context(resume))) {
            for (Optional<SourceItem> item = source.next(); item.isPresent(); item = source.next()) {
                ids.add(((SourceItem.Extracted) item.get()).record().get("id").toString());
            }
        }
        return ids;
    }
}

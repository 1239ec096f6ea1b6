package io.conveyor.pipeline.spec.canonical;

import io.conveyor.pipeline.spec.source.CsvSource;
import io.conveyor.pipeline.spec.source.EncodingErrors;
import io.conveyor.pipeline.spec.source.HttpMethod;
import io.conveyor.pipeline.spec.source.HttpSource;
import io.conveyor.pipeline.spec.source.JdbcSource;
import io.conveyor.pipeline.spec.source.JsonArraySource;
import io.conveyor.pipeline.spec.source.JsonLinesSource;
import io.conveyor.pipeline.spec.source.Pagination;
import io.conveyor.pipeline.spec.source.ParquetSource;
import io.conveyor.pipeline.spec.source.SourceSpec;
import java.net.URI;

/** Sources of extract tasks, with their JDBC relations and HTTP paginations. */
final class SourceDecoder {

    private static final Variants<SourceSpec> SOURCES = new Variants<SourceSpec>()
            .with(CsvSource.class, SourceDecoder::csv)
            .with(JsonLinesSource.class, SourceDecoder::jsonLines)
            .with(JsonArraySource.class, SourceDecoder::jsonArray)
            .with(ParquetSource.class, object -> object.build(() -> new ParquetSource(object.required("path").text())))
            .with(JdbcSource.class, SourceDecoder::jdbc)
            .with(HttpSource.class, SourceDecoder::http);

    private static final Variants<JdbcSource.Relation> RELATIONS = new Variants<JdbcSource.Relation>()
            .with(JdbcSource.Table.class, object -> object.build(() -> new JdbcSource.Table(object.required("name").text())))
            .with(JdbcSource.Query.class, object -> object.build(() -> new JdbcSource.Query(object.required("sql").text())));

    private static final Variants<Pagination> PAGINATIONS = new Variants<Pagination>()
            .with(Pagination.None.class, object -> object.build(Pagination.None::new))
            .with(Pagination.Page.class, object -> object.build(() -> new Pagination.Page(
                    object.required("pageParam").text(), object.optional("pageSize").map(SourceDecoder::pageSize))))
            .with(Pagination.Offset.class, object -> object.build(() -> new Pagination.Offset(
                    object.required("offsetParam").text(), pageSize(object.required("pageSize")))))
            .with(Pagination.Cursor.class, object -> object.build(() -> new Pagination.Cursor(
                    object.required("cursorParam").text(), object.required("cursorPath").text(),
                    object.optional("pageSize").map(SourceDecoder::pageSize))))
            .with(Pagination.Link.class, object -> object.build(() -> new Pagination.Link(
                    object.optional("nextLinkPath").map(JsonValue::text))));

    private SourceDecoder() {
    }

    static SourceSpec source(JsonValue value) {
        return SOURCES.read(value);
    }

    private static CsvSource csv(JsonObject object) {
        return object.build(() -> new CsvSource(object.required("path").text(), object.required("header").flag(),
                object.required("delimiter").character(), object.required("quote").character(),
                object.optional("escape").map(JsonValue::character), object.required("encoding").text(),
                object.required("gzip").flag(), object.required("columns").texts(),
                object.optional("nullValue").map(JsonValue::text),
                // Specs written before the option existed lack it and meant the default.
                object.optional("encodingErrors").map(value -> value.constant(EncodingErrors.class)).orElse(EncodingErrors.REJECT)));
    }

    private static JsonLinesSource jsonLines(JsonObject object) {
        return object.build(() -> new JsonLinesSource(object.required("path").text(), object.required("encoding").text(),
                object.required("gzip").flag()));
    }

    private static JsonArraySource jsonArray(JsonObject object) {
        return object.build(() -> new JsonArraySource(object.required("path").text(), object.required("encoding").text(),
                object.required("gzip").flag()));
    }

    private static JdbcSource jdbc(JsonObject object) {
        return object.build(() -> new JdbcSource(object.required("url").text(), object.optional("user").map(JsonValue::text),
                object.optional("password").map(PasswordDecoder::password), RELATIONS.read(object.required("relation")),
                object.optional("watermarkColumn").map(JsonValue::text), object.required("keyColumns").texts(),
                object.required("fetchSize").integer()));
    }

    private static HttpSource http(JsonObject object) {
        return object.build(() -> new HttpSource(object.required("url").parsed("URI", URI::create),
                object.required("method").constant(HttpMethod.class), object.required("headers").textMap(),
                object.required("itemsPath").text(), PAGINATIONS.read(object.required("pagination")),
                object.optional("maxPages").map(JsonValue::integer)));
    }

    private static Pagination.PageSize pageSize(JsonValue value) {
        JsonObject object = value.object();
        return object.build(() -> new Pagination.PageSize(object.required("param").text(), object.required("size").integer()));
    }
}

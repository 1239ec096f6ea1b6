package io.conveyor.pipeline.spec.load;

import io.conveyor.pipeline.spec.Password;
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
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** Reads the {@code source} section of extract tasks. */
final class SourceReader {

    private static final String DEFAULT_ENCODING = "UTF-8";
    private static final int MAX_FETCH_SIZE = 1_000_000;
    private static final int MAX_PAGE_SIZE = 100_000;
    private static final int MAX_PAGES = 1_000_000;

    private static final Map<String, Function<YamlMap, Supplier<? extends SourceSpec>>> SOURCES = new LinkedHashMap<>();
    private static final Map<String, Function<YamlMap, Supplier<? extends Pagination>>> PAGINATIONS = new LinkedHashMap<>();

    static {
        SOURCES.put("csv", SourceReader::csv);
        SOURCES.put("jsonl", map -> jsonFile(map, JsonLinesSource::new));
        SOURCES.put("json", map -> jsonFile(map, JsonArraySource::new));
        SOURCES.put("parquet", SourceReader::parquet);
        SOURCES.put("jdbc", SourceReader::jdbc);
        SOURCES.put("http", SourceReader::http);
        PAGINATIONS.put("none", map -> Pagination.None::new);
        PAGINATIONS.put("page", SourceReader::pages);
        PAGINATIONS.put("offset", SourceReader::offsets);
        PAGINATIONS.put("cursor", SourceReader::cursor);
        PAGINATIONS.put("link", SourceReader::links);
    }

    private SourceReader() {
    }

    static Optional<SourceSpec> read(YamlValue value) {
        return value.map().flatMap(map -> map.require("type").flatMap(type -> type.choice(SOURCES)).flatMap(map::read));
    }

    private static Supplier<CsvSource> csv(YamlMap map) {
        Optional<String> path = map.require("path").flatMap(YamlValue::nonBlankText);
        boolean header = map.get("header").flatMap(YamlValue::bool).orElse(true);
        Optional<YamlValue> delimiterValue = map.get("delimiter");
        Optional<YamlValue> quoteValue = map.get("quote");
        char delimiter = delimiterValue.flatMap(SourceReader::character).orElse(',');
        char quote = quoteValue.flatMap(SourceReader::character).orElse('"');
        if (delimiter == quote) {
            quoteValue.or(() -> delimiterValue).orElseThrow().report("delimiter and quote must differ");
        }
        Optional<Character> escape = map.get("escape").flatMap(SourceReader::character);
        String encoding = encoding(map);
        boolean gzip = gzip(map, path);
        List<String> columns = map.get("columns").flatMap(SourceReader::columns).orElse(List.of());
        if (!header && !map.has("columns")) {
            map.reportMissing("columns", "missing required key (the file has no header)");
        }
        Optional<String> nullValue = map.get("nullValue").flatMap(YamlValue::text);
        EncodingErrors encodingErrors = map.get("encodingErrors").flatMap(value -> value.choice(EncodingErrors.class))
                .orElse(EncodingErrors.REJECT);
        return () -> new CsvSource(path.orElseThrow(), header, delimiter, quote, escape, encoding, gzip, columns, nullValue,
                encodingErrors);
    }

    private interface JsonFileSource {
        SourceSpec create(String path, String encoding, boolean gzip);
    }

    private static Supplier<SourceSpec> jsonFile(YamlMap map, JsonFileSource source) {
        Optional<String> path = map.require("path").flatMap(YamlValue::nonBlankText);
        String encoding = encoding(map);
        boolean gzip = gzip(map, path);
        return () -> source.create(path.orElseThrow(), encoding, gzip);
    }

    private static Supplier<ParquetSource> parquet(YamlMap map) {
        Optional<String> path = map.require("path").flatMap(YamlValue::nonBlankText);
        return () -> new ParquetSource(path.orElseThrow());
    }

    private static Supplier<JdbcSource> jdbc(YamlMap map) {
        Optional<String> url = map.require("url").flatMap(SpecValues::jdbcUrl);
        Optional<String> user = map.get("user").flatMap(YamlValue::nonBlankText);
        Optional<Password> password = SpecValues.password(map);
        Optional<JdbcSource.Relation> relation = relation(map);
        Optional<String> watermark = map.get("watermarkColumn").flatMap(YamlValue::nonBlankText);
        List<String> keyColumns = map.get("keyColumns").flatMap(SpecValues::fields).orElse(List.of());
        if (map.has("watermarkColumn") && !map.has("keyColumns")) {
            map.reportMissing("keyColumns", "missing required key (incremental reads page by key columns)");
        }
        int fetchSize = map.get("fetchSize").flatMap(value -> value.integer(1, MAX_FETCH_SIZE))
                .orElse(JdbcSource.DEFAULT_FETCH_SIZE);
        return () -> new JdbcSource(url.orElseThrow(), user, password, relation.orElseThrow(), watermark, keyColumns, fetchSize);
    }

    private static Optional<JdbcSource.Relation> relation(YamlMap map) {
        Optional<YamlValue> table = map.get("table");
        Optional<YamlValue> query = map.get("query");
        if (table.isPresent() && query.isPresent()) {
            query.get().report("give either table or query, not both");
            return Optional.empty();
        }
        if (table.isEmpty() && query.isEmpty()) {
            map.reportMissing("table", "missing required key: table or query");
            return Optional.empty();
        }
        return table.flatMap(YamlValue::nonBlankText).<JdbcSource.Relation>map(JdbcSource.Table::new)
                .or(() -> query.flatMap(YamlValue::nonBlankText).map(JdbcSource.Query::new));
    }

    private static Supplier<HttpSource> http(YamlMap map) {
        Optional<URI> url = map.require("url").flatMap(SourceReader::httpUrl);
        HttpMethod method = map.get("method").flatMap(value -> value.choice(HttpMethod.class)).orElse(HttpMethod.GET);
        Map<String, String> headers = map.get("headers").flatMap(YamlValue::textMap).orElse(Map.of());
        String itemsPath = map.get("itemsPath").flatMap(SpecValues::jsonPointer).orElse("");
        Optional<Pagination> pagination = map.get("pagination")
                .map(value -> value.map().flatMap(p -> p.require("type").flatMap(type -> type.choice(PAGINATIONS)).flatMap(p::read)))
                .orElse(Optional.of(new Pagination.None()));
        Optional<Integer> maxPages = map.get("maxPages").flatMap(value -> value.integer(1, MAX_PAGES));
        return () -> new HttpSource(url.orElseThrow(), method, headers, itemsPath, pagination.orElseThrow(), maxPages);
    }

    private static Supplier<Pagination.Page> pages(YamlMap map) {
        String pageParam = param(map, "pageParam").orElse("page");
        Optional<Pagination.PageSize> pageSize = optionalPageSize(map);
        return () -> new Pagination.Page(pageParam, pageSize);
    }

    private static Supplier<Pagination.Offset> offsets(YamlMap map) {
        String offsetParam = param(map, "pageParam").orElse("offset");
        String sizeParam = param(map, "sizeParam").orElse("limit");
        Optional<Integer> size = map.require("pageSize").flatMap(value -> value.integer(1, MAX_PAGE_SIZE));
        return () -> new Pagination.Offset(offsetParam, new Pagination.PageSize(sizeParam, size.orElseThrow()));
    }

    private static Supplier<Pagination.Cursor> cursor(YamlMap map) {
        Optional<String> cursorParam = map.require("cursorParam").flatMap(YamlValue::nonBlankText);
        Optional<String> cursorPath = map.require("cursorPath").flatMap(SpecValues::jsonPointer);
        Optional<Pagination.PageSize> pageSize = optionalPageSize(map);
        return () -> new Pagination.Cursor(cursorParam.orElseThrow(), cursorPath.orElseThrow(), pageSize);
    }

    private static Supplier<Pagination.Link> links(YamlMap map) {
        Optional<String> nextLinkPath = map.get("nextLinkPath").flatMap(SpecValues::jsonPointer);
        return () -> new Pagination.Link(nextLinkPath);
    }

    private static Optional<String> param(YamlMap map, String key) {
        return map.get(key).flatMap(YamlValue::nonBlankText);
    }

    /** {@code sizeParam} and {@code pageSize} together, or neither. */
    private static Optional<Pagination.PageSize> optionalPageSize(YamlMap map) {
        Optional<String> sizeParam = param(map, "sizeParam");
        Optional<Integer> size = map.get("pageSize").flatMap(value -> value.integer(1, MAX_PAGE_SIZE));
        if (map.has("sizeParam") != map.has("pageSize")) {
            map.reportMissing(map.has("sizeParam") ? "pageSize" : "sizeParam",
                    "missing required key (sizeParam and pageSize go together)");
            return Optional.empty();
        }
        return sizeParam.flatMap(param -> size.map(value -> new Pagination.PageSize(param, value)));
    }

    private static Optional<URI> httpUrl(YamlValue value) {
        return value.text().flatMap(text -> {
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return Optional.of(uri);
                }
            } catch (URISyntaxException invalid) {
                // reported below, like any other URL that is not absolute http(s)
            }
            value.report("invalid URL '%s' (expected an absolute http or https URL)".formatted(text));
            return Optional.empty();
        });
    }

    private static Optional<Character> character(YamlValue value) {
        return value.text().filter(text -> {
            if (text.length() != 1) {
                value.report("expected a single character, got '%s'".formatted(text));
            }
            return text.length() == 1;
        }).map(text -> text.charAt(0));
    }

    private static Optional<List<String>> columns(YamlValue value) {
        return SpecValues.fields(value).filter(columns -> {
            Set<String> seen = new HashSet<>();
            Optional<String> duplicate = columns.stream().filter(column -> !seen.add(column)).findFirst();
            duplicate.ifPresent(column -> value.report("duplicate column '%s'".formatted(column)));
            return duplicate.isEmpty();
        });
    }

    private static String encoding(YamlMap map) {
        return map.get("encoding").flatMap(SourceReader::charset).orElse(DEFAULT_ENCODING);
    }

    private static Optional<String> charset(YamlValue value) {
        return value.text().flatMap(text -> {
            try {
                if (Charset.isSupported(text)) {
                    return Optional.of(Charset.forName(text).name());
                }
            } catch (IllegalCharsetNameException invalid) {
                // reported below, like any other unsupported name
            }
            value.report("unknown encoding '%s'".formatted(text));
            return Optional.empty();
        });
    }

    /** Compressed by default when the file name says so. */
    private static boolean gzip(YamlMap map, Optional<String> path) {
        return map.get("gzip").flatMap(YamlValue::bool).orElseGet(() -> path.filter(p -> p.endsWith(".gz")).isPresent());
    }
}

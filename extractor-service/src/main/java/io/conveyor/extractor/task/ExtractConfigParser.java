package io.conveyor.extractor.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.conveyor.pipeline.spec.Password;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.source.CsvSource;
import io.conveyor.pipeline.spec.source.HttpMethod;
import io.conveyor.pipeline.spec.source.HttpSource;
import io.conveyor.pipeline.spec.source.JdbcSource;
import io.conveyor.pipeline.spec.source.JsonArraySource;
import io.conveyor.pipeline.spec.source.JsonLinesSource;
import io.conveyor.pipeline.spec.source.Pagination;
import io.conveyor.pipeline.spec.source.ParquetSource;
import io.conveyor.pipeline.spec.source.SourceSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads a task command's {@code config}: the pipeline's {@code TaskSpec} as JSON, as Jackson writes
 * the records of {@code io.conveyor.pipeline.spec} (with the JDK 8 module: empty optionals are null)
 * or as {@code PipelineSpec.canonicalJson()} writes them (sorted keys, {@code @type} on variants,
 * empty optionals left out). See docs/configuration-extractor.md for the accepted shape.
 */
public final class ExtractConfigParser {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Predicate<JsonLinesSource> isJsonArray;

    /**
     * @param isJsonArray tells a JSON array file from a JSON Lines file when the config does not say
     *                    which (Jackson's plain form of the two records is the same)
     */
    public ExtractConfigParser(Predicate<JsonLinesSource> isJsonArray) {
        this.isJsonArray = isJsonArray;
    }

    public ExtractConfig parse(String json) {
        ConfigNode root = new ConfigNode("config", tree(json));
        ConfigNode source = sourceNode(root);
        ConfigNode settings = root.optionalObject("settings").orElse(new ConfigNode("config.settings", MAPPER.createObjectNode()));
        return new ExtractConfig(source(source), root.texts("key"),
                settings.integer("batchSize", TaskSettings.DEFAULT_BATCH_SIZE),
                settings.number("rejectThreshold", TaskSettings.DEFAULT.rejectThreshold()));
    }

    private static JsonNode tree(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new InvalidTaskConfigException("config must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidTaskConfigException("config is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The task spec ({@code work.source}), an extract work ({@code source}) or a bare source. */
    private static ConfigNode sourceNode(ConfigNode root) {
        if (root.has("work")) {
            return root.object("work").object("source");
        }
        return root.has("source") ? root.object("source") : root;
    }

    private SourceSpec source(ConfigNode node) {
        String type = variant(node);
        switch (type) {
            case "csv":
                return csv(node);
            case "jsonl":
                return jsonLines(node);
            case "json":
                return new JsonArraySource(node.text("path"), encoding(node), node.flag("gzip", false));
            case "jsonfile":
                JsonLinesSource lines = jsonLines(node);
                return isJsonArray.test(lines) ? new JsonArraySource(lines.path(), lines.encoding(), lines.gzip()) : lines;
            case "parquet":
                return new ParquetSource(node.text("path"));
            case "jdbc":
                return jdbc(node);
            case "http":
                return http(node);
            default:
                throw new InvalidTaskConfigException(node.path() + " has an unknown source type '" + type + "'");
        }
    }

    private static String variant(ConfigNode node) {
        if (node.has("@type")) {
            return fromClassName(node.text("@type"));
        }
        if (node.has("type")) {
            return node.text("type").toLowerCase(Locale.ROOT);
        }
        if (node.has("delimiter") || node.has("quote") || node.has("header")) {
            return "csv";
        }
        if (node.has("relation")) {
            return "jdbc";
        }
        if (node.has("pagination") || node.has("itemsPath")) {
            return "http";
        }
        if (node.has("encoding")) {
            return "jsonfile";
        }
        if (node.has("path")) {
            return "parquet";
        }
        throw new InvalidTaskConfigException(node.path() + " is not a source: no type and no recognisable fields");
    }

    private static String fromClassName(String simpleName) {
        return switch (simpleName) {
            case "CsvSource" -> "csv";
            case "JsonLinesSource" -> "jsonl";
            case "JsonArraySource" -> "json";
            case "ParquetSource" -> "parquet";
            case "JdbcSource" -> "jdbc";
            case "HttpSource" -> "http";
            default -> simpleName;
        };
    }

    private static CsvSource csv(ConfigNode node) {
        try {
            return new CsvSource(node.text("path"), node.flag("header", true), node.character("delimiter", ','),
                    node.character("quote", '"'), node.optionalCharacter("escape"), encoding(node),
                    node.flag("gzip", false), node.texts("columns"), node.optionalText("nullValue"));
        } catch (IllegalArgumentException e) {
            throw new InvalidTaskConfigException(node.path() + ": " + e.getMessage(), e);
        }
    }

    private static JsonLinesSource jsonLines(ConfigNode node) {
        return new JsonLinesSource(node.text("path"), encoding(node), node.flag("gzip", false));
    }

    private static String encoding(ConfigNode node) {
        return node.text("encoding", StandardCharsets.UTF_8.name());
    }

    private static JdbcSource jdbc(ConfigNode node) {
        try {
            return new JdbcSource(node.text("url"), node.optionalText("user"), node.optionalObject("password").map(ExtractConfigParser::password),
                    relation(node.object("relation")), node.optionalText("watermarkColumn"), node.texts("keyColumns"),
                    node.integer("fetchSize", JdbcSource.DEFAULT_FETCH_SIZE));
        } catch (IllegalArgumentException e) {
            throw new InvalidTaskConfigException(node.path() + ": " + e.getMessage(), e);
        }
    }

    private static Password password(ConfigNode node) {
        if (node.has("variable")) {
            return new Password.FromEnv(node.text("variable"));
        }
        return new Password.Literal(node.text("value"));
    }

    private static JdbcSource.Relation relation(ConfigNode node) {
        if (node.has("sql")) {
            return new JdbcSource.Query(node.text("sql"));
        }
        return new JdbcSource.Table(node.text("name"));
    }

    private static HttpSource http(ConfigNode node) {
        try {
            HttpMethod method = HttpMethod.valueOf(node.text("method", "GET").toUpperCase(Locale.ROOT));
            Pagination pagination = node.optionalObject("pagination").map(ExtractConfigParser::pagination)
                    .orElse(new Pagination.None());
            Map<String, String> headers = node.textMap("headers");
            return new HttpSource(URI.create(node.text("url")), method, headers, node.text("itemsPath", ""),
                    pagination, node.optionalInteger("maxPages"));
        } catch (IllegalArgumentException e) {
            throw new InvalidTaskConfigException(node.path() + ": " + e.getMessage(), e);
        }
    }

    private static Pagination pagination(ConfigNode node) {
        Optional<Pagination.PageSize> pageSize = node.optionalObject("pageSize")
                .map(size -> new Pagination.PageSize(size.text("param"), size.integer("size", 0)));
        if (node.has("pageParam")) {
            return new Pagination.Page(node.text("pageParam"), pageSize);
        }
        if (node.has("offsetParam")) {
            return new Pagination.Offset(node.text("offsetParam"), pageSize.orElseThrow(
                    () -> new InvalidTaskConfigException(node.where("pageSize") + " is required with offset pagination")));
        }
        if (node.has("cursorParam")) {
            return new Pagination.Cursor(node.text("cursorParam"), node.text("cursorPath"), pageSize);
        }
        if (node.node().has("nextLinkPath") || "Link".equals(node.text("@type", ""))) {
            return new Pagination.Link(node.optionalText("nextLinkPath"));
        }
        return new Pagination.None();
    }
}

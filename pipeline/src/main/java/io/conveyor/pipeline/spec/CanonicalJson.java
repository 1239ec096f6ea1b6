package io.conveyor.pipeline.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conveyor.pipeline.cron.CronSchedule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders the spec records as JSON generically, from their record components, so a new field can
 * never be forgotten in the fingerprint. Object keys are sorted, empty optionals are left out, enums
 * are lower-case, and variants of sealed types carry their simple class name under {@code @type}.
 */
final class CanonicalJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private CanonicalJson() {
    }

    static String of(Record spec) {
        try {
            return MAPPER.writeValueAsString(tree(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static JsonNode tree(Object value) {
        if (value instanceof Record record) {
            return object(record);
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(tree(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            new TreeMap<>(map).forEach((key, item) -> object.set(key.toString(), tree(item)));
            return object;
        }
        return scalar(value);
    }

    private static JsonNode scalar(Object value) {
        if (value instanceof Enum<?> constant) {
            return NODES.textNode(constant.name().toLowerCase(Locale.ROOT));
        }
        if (value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof BigDecimal number) {
            return NODES.numberNode(number.stripTrailingZeros());
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Locale locale) {
            return NODES.textNode(locale.toLanguageTag());
        }
        if (value instanceof String || value instanceof Character || value instanceof CronSchedule
                || value instanceof ZoneId || value instanceof Duration || value instanceof URI
                || value instanceof LocalDate || value instanceof Instant) {
            return NODES.textNode(value.toString());
        }
        throw new IllegalArgumentException("no canonical JSON form for " + value.getClass().getName());
    }

    private static ObjectNode object(Record record) {
        ObjectNode object = NODES.objectNode();
        if (Arrays.stream(record.getClass().getInterfaces()).anyMatch(Class::isSealed)) {
            object.put("@type", record.getClass().getSimpleName());
        }
        RecordComponent[] components = record.getClass().getRecordComponents();
        Arrays.sort(components, Comparator.comparing(RecordComponent::getName));
        for (RecordComponent component : components) {
            Object value = read(record, component);
            if (value instanceof Optional<?> optional) {
                optional.ifPresent(present -> object.set(component.getName(), tree(present)));
            } else {
                object.set(component.getName(), tree(value));
            }
        }
        return object;
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}

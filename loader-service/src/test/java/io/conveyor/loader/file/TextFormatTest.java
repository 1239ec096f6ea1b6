package io.conveyor.loader.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.sink.FileFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFormatTest {

    private static final Schema ITEM = new Schema.Parser().parse("""
            {"type": "record", "name": "Item", "namespace": "test.text", "fields": [
              {"name": "sku", "type": "string"},
              {"name": "local", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
              {"name": "raw", "type": "bytes"},
              {"name": "colour", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "BLUE"]}},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "sizes", "type": {"type": "map", "values": "int"}},
              {"name": "ratio", "type": ["null", "double"], "default": null}]}
            """);

    @TempDir
    Path directory;

    @Test
    void csvKeepsOneHeaderQuotesAsRfc4180AndWritesNestedValuesAsJson() throws IOException {
        Path output = combined(FileFormat.CSV);

        assertThat(Files.readString(output)).isEqualTo("sku,local,raw,colour,tags,sizes,ratio\r\n"
                + "\"a,1\",2024-05-06T07:08:09,AQI=,RED,\"[\"\"x\"\",\"\"y\"\"]\",\"{\"\"m\"\":2}\",0.5\r\n"
                + "\"line\nbreak\",2024-05-06T07:08:09,\"\",BLUE,[],{},\r\n");
    }

    @Test
    void jsonLinesWritesOneObjectPerRecordWithLogicalTypesAsText() throws IOException {
        Path output = combined(FileFormat.JSONL);

        assertThat(Files.readAllLines(output)).containsExactly(
                "{\"sku\":\"a,1\",\"local\":\"2024-05-06T07:08:09\",\"raw\":\"AQI=\",\"colour\":\"RED\","
                        + "\"tags\":[\"x\",\"y\"],\"sizes\":{\"m\":2},\"ratio\":0.5}",
                "{\"sku\":\"line\\nbreak\",\"local\":\"2024-05-06T07:08:09\",\"raw\":\"\",\"colour\":\"BLUE\","
                        + "\"tags\":[],\"sizes\":{},\"ratio\":null}");
    }

    /** Two parts of one record each, combined. */
    private Path combined(FileFormat format) throws IOException {
        RecordFormat records = RecordFormat.of(format);
        Path first = directory.resolve("first");
        Path second = directory.resolve("second");
        try (PartFile part = records.open(first, ITEM)) {
            part.write(item("a,1", new byte[] {1, 2}, "RED", List.of("x", "y"), Map.of("m", 2), 0.5));
        }
        try (PartFile part = records.open(second, ITEM)) {
            part.write(item("line\nbreak", new byte[0], "BLUE", List.of(), Map.of(), null));
        }
        Path output = directory.resolve("output");
        records.combine(List.of(first, second), output);
        return output;
    }

    private static GenericRecord item(String sku, byte[] raw, String colour, List<String> tags, Map<String, Integer> sizes,
                                      Double ratio) {
        long local = LocalDateTime.parse("2024-05-06T07:08:09").toInstant(ZoneOffset.UTC).toEpochMilli();
        return new GenericRecordBuilder(ITEM).set("sku", sku).set("local", local).set("raw", ByteBuffer.wrap(raw))
                .set("colour", new GenericData.EnumSymbol(ITEM.getField("colour").schema(), colour))
                .set("tags", tags).set("sizes", sizes).set("ratio", ratio).build();
    }
}

package io.conveyor.scheduler.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

class LetterPatchTest {

    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Customer", "fields": [
              {"name": "email", "type": "string"},
              {"name": "age", "type": "int"},
              {"name": "vip", "type": "boolean"},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}}]}
            """);

    @Test
    void setValuesAreConvertedToTheirFieldsTypesAndTheRestIsKept() {
        GenericRecord patched = new LetterPatch(Map.of("email", "fixed@example.com", "age", "42", "vip", "true"))
                .apply(customer());

        assertThat(patched.get("email")).isEqualTo("fixed@example.com");
        assertThat(patched.get("age")).isEqualTo(42);
        assertThat(patched.get("vip")).isEqualTo(true);
        assertThat(patched.get("note")).hasToString("keep");
    }

    @Test
    void aNullableFieldCanBeCleared() {
        Map<String, String> set = new HashMap<>();
        set.put("note", null);

        assertThat(new LetterPatch(set).apply(customer()).get("note")).isNull();
    }

    @Test
    void aValueThatDoesNotFitItsFieldIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new LetterPatch(Map.of("age", "forty")).apply(customer()))
                .isInstanceOf(LetterPatch.PatchException.class).hasMessage("set.age: 'forty' is not a int");
        assertThatThrownBy(() -> new LetterPatch(Map.of("mail", "x")).apply(customer()))
                .hasMessageStartingWith("set.mail: the record Customer has no field 'mail'");
        Map<String, String> clear = new HashMap<>();
        clear.put("email", null);
        assertThatThrownBy(() -> new LetterPatch(clear).apply(customer())).hasMessage("set.email: the field is not nullable");
        assertThatThrownBy(() -> new LetterPatch(Map.of("amount", "1.00")).apply(customer()))
                .hasMessageContaining("logical type decimal");
    }

    @Test
    void aPatchedRecordKeepsTheSchemaIdOfItsFrame() throws IOException {
        byte[] original = {0, 0, 0, 0, 42, 9, 9};
        GenericRecord patched = new LetterPatch(Map.of("email", "a@b.c")).apply(customer());

        byte[] framed = LetterPatch.reframe(original, patched);

        assertThat(Arrays.copyOf(framed, 5)).containsExactly(0, 0, 0, 0, 42);
        GenericRecord read = new GenericDatumReader<GenericRecord>(SCHEMA).read(null,
                DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null));
        assertThat(read.get("email")).hasToString("a@b.c");
    }

    private static GenericRecord customer() {
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("email", "not-an-address");
        record.put("age", 30);
        record.put("vip", false);
        record.put("note", "keep");
        record.put("amount", java.nio.ByteBuffer.wrap(new byte[] {1}));
        return record;
    }
}

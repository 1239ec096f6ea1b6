package io.conveyor.extractor.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AvroNamesTest {

    @Test
    void makesLegalDistinctNames() {
        assertThat(AvroNames.sanitise("order id")).isEqualTo("order_id");
        assertThat(AvroNames.sanitise("1st")).isEqualTo("_1st");
        assertThat(AvroNames.sanitise("")).isEqualTo("_");
        assertThat(AvroNames.sanitise("größe")).isEqualTo("gr__e");
        assertThat(AvroNames.distinct(List.of("a b", "a-b", "a_b"))).containsExactly("a_b", "a_b_2", "a_b_3");
        assertThat(AvroNames.recordName("my-pipe", "load.x")).isEqualTo("my_pipe_load_x");
    }
}

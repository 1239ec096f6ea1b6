package io.conveyor.dataplane.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplaySliceTest {

    @Test
    void aSliceIsWrittenAsPartitionFromAndToAndReadBack() {
        ReplaySlice slice = new ReplaySlice(2, 1_000, 1_250);

        assertThat(slice.text()).isEqualTo("2:1000-1250");
        assertThat(ReplaySlice.parse(slice.text())).contains(slice);
    }

    @Test
    void textThatIsNoSliceParsesToNothing() {
        assertThat(ReplaySlice.parse(null)).isEmpty();
        assertThat(ReplaySlice.parse("2:1000")).isEmpty();
        assertThat(ReplaySlice.parse("2:1250-1000")).as("to before from").isEmpty();
        assertThat(ReplaySlice.parse("-1:0-1")).isEmpty();
        assertThat(ReplaySlice.parse("2:0-99999999999999999999")).as("beyond a long").isEmpty();
    }

    @Test
    void aSliceEndsAtOrAfterItsStart() {
        assertThatThrownBy(() -> new ReplaySlice(0, 5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}

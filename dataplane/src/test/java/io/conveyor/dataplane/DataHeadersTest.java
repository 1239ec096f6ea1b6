package io.conveyor.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DataHeadersTest {

    @Test
    void onlyAControlHeaderOfExactlyEndMarksTheEnd() {
        assertThat(DataHeaders.isEnd(headers(DataHeaders.CONTROL, "END"))).isTrue();

        assertThat(DataHeaders.isEnd(new RecordHeaders())).isFalse();
        assertThat(DataHeaders.isEnd(headers(DataHeaders.CONTROL, "end"))).isFalse();
        assertThat(DataHeaders.isEnd(headers(DataHeaders.CONTROL, "ENDS"))).isFalse();
        assertThat(DataHeaders.isEnd(headers(DataHeaders.CONTROL, "EN"))).isFalse();
        assertThat(DataHeaders.isEnd(headers(DataHeaders.TASK, "END"))).isFalse();
        assertThat(DataHeaders.isEnd(headers(DataHeaders.CONTROL, null))).isFalse();
    }

    @Test
    void theLastControlHeaderDecides() {
        RecordHeaders endThenData = headers(DataHeaders.CONTROL, "END");
        endThenData.add(DataHeaders.CONTROL, "DATA".getBytes(StandardCharsets.UTF_8));
        RecordHeaders dataThenEnd = headers(DataHeaders.CONTROL, "DATA");
        dataThenEnd.add(DataHeaders.CONTROL, "END".getBytes(StandardCharsets.UTF_8));

        assertThat(DataHeaders.isEnd(endThenData)).isFalse();
        assertThat(DataHeaders.isEnd(dataThenEnd)).isTrue();
    }

    @Test
    void aHeaderIsPresentOnlyWithAValueAndAgreesWithItsText() {
        RecordHeaders withRun = headers(DataHeaders.RUN_ID, "orders@m-1");
        RecordHeaders emptyRun = headers(DataHeaders.RUN_ID, "");
        RecordHeaders nullRun = headers(DataHeaders.RUN_ID, null);

        assertThat(DataHeaders.has(withRun, DataHeaders.RUN_ID)).isTrue();
        assertThat(DataHeaders.has(emptyRun, DataHeaders.RUN_ID)).isTrue();
        assertThat(DataHeaders.has(nullRun, DataHeaders.RUN_ID)).isFalse();
        assertThat(DataHeaders.has(new RecordHeaders(), DataHeaders.RUN_ID)).isFalse();
        for (RecordHeaders headers : new RecordHeaders[] {withRun, emptyRun, nullRun, new RecordHeaders()}) {
            assertThat(DataHeaders.has(headers, DataHeaders.RUN_ID))
                    .isEqualTo(DataHeaders.text(headers, DataHeaders.RUN_ID) != null);
        }
    }

    private static RecordHeaders headers(String key, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}

package io.conveyor.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class PartitionTallyTest {

    @Test
    void aPartitionIsCompleteWhenEveryShardHasEndedAndTheCountsAgree() {
        PartitionTally progress = PartitionTally.NONE.withRecord().withRecord()
                .withEnd(new EndMarker("r", "extract", 0, 2, 1));

        assertThat(progress.completion()).isEqualTo(PartitionTally.Completion.OPEN);
        assertThat(progress.withRecord().withEnd(new EndMarker("r", "extract", 1, 2, 2)).completion())
                .isEqualTo(PartitionTally.Completion.COMPLETE);
    }

    @Test
    void fewerRecordsThanAnnouncedIsAMismatch() {
        PartitionTally progress = PartitionTally.NONE.withRecord().withEnd(new EndMarker("r", "extract", 0, 1, 2));

        assertThat(progress.completion()).isEqualTo(PartitionTally.Completion.COUNT_MISMATCH);
    }

    @Test
    void anEndMarkerReadsBackFromItsHeaders() throws Exception {
        EndMarker marker = new EndMarker("orders@m-1", "extract", 3, 4, 17);

        assertThat(EndMarker.from(new RecordHeaders(marker.headers()))).isEqualTo(marker);
        assertThat(DataHeaders.isEnd(new RecordHeaders(marker.headers()))).isTrue();
    }

    @Test
    void anEndMarkerWithoutItsCountIsMalformed() {
        RecordHeaders headers = new RecordHeaders(new EndMarker("r", "t", 0, 1, 1).headers());
        headers.remove(DataHeaders.COUNT);

        assertThatThrownBy(() -> EndMarker.from(headers)).isInstanceOf(MalformedMarkerException.class)
                .hasMessageContaining(DataHeaders.COUNT);
    }
}

package io.conveyor.extractor.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.control.TaskCounts;
import io.conveyor.extractor.checkpoint.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class ExtractionProgressTest {

    @Test
    void placesKeyedRecordsAsKafkasDefaultPartitionerAndUnkeyedOnesRoundRobin() {
        ExtractionProgress progress = ExtractionProgress.fresh(3);
        int expected = Utils.toPositive(Utils.murmur2("k".getBytes(StandardCharsets.UTF_8))) % 3;
        assertThat(progress.placeRecord(Optional.of("k"))).isEqualTo(expected);
        assertThat(progress.placeRecord(Optional.empty())).isEqualTo(1);
        assertThat(progress.placeRecord(Optional.empty())).isEqualTo(2);
        assertThat(progress.placeRecord(Optional.empty())).isEqualTo(0);
    }

    @Test
    void aResumedRunContinuesCountsAndTheRoundRobin() {
        ExtractionProgress first = ExtractionProgress.fresh(2);
        first.placeRecord(Optional.empty());
        first.countReject();
        Checkpoint checkpoint = first.checkpoint("r", "t", 1, "9:2", false);
        assertThat(Checkpoint.fromJson(checkpoint.toJson())).isEqualTo(checkpoint);

        ExtractionProgress resumed = ExtractionProgress.resumed(checkpoint, 2);
        assertThat(resumed.placeRecord(Optional.empty())).isEqualTo(1);
        assertThat(resumed.counts().getRecordsIn()).isEqualTo(3);
        assertThat(resumed.counts().getRecordsRejected()).isEqualTo(1);
        assertThat(resumed.counts()).isEqualTo(new TaskCounts(3L, 2L, 1L, 0L));
        assertThat(resumed.count(0)).isEqualTo(1);
        assertThat(resumed.count(1)).isEqualTo(1);
    }

    @Test
    void refusesToResumeOnADifferentNumberOfPartitions() {
        Checkpoint checkpoint = new Checkpoint("r", "t", 1, "0:0", 0, 0, 0, List.of(0L, 0L), false);
        assertThatThrownBy(() -> ExtractionProgress.resumed(checkpoint, 3)).hasMessageContaining("had 2 partitions");
    }
}

package io.conveyor.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.CompressionType;
import org.junit.jupiter.api.Test;

class RecordSizeLimitTest {

    @Test
    void theLimitIsTheProducersMaxRequestSizeOrKafkasDefault() {
        assertThat(RecordSizeLimit.of(Map.of("max.request.size", "4096", "compression.type", "none")))
                .isEqualTo(new RecordSizeLimit(4096, CompressionType.NONE));
        assertThat(RecordSizeLimit.of(Map.of())).isEqualTo(new RecordSizeLimit(1024 * 1024, CompressionType.LZ4));
    }

    @Test
    void aRecordOverTheLimitIsRejectedWithItsSizeTheLimitAndRecordTooLargeException() {
        RecordSizeLimit limit = new RecordSizeLimit(4096, CompressionType.LZ4);

        RejectReason tooLarge = limit.check(new ProducerRecord<>("out", new byte[10], new byte[5000]));

        assertThat(tooLarge.rule()).isEqualTo("record-too-large");
        assertThat(tooLarge.exceptionClass()).isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
        assertThat(tooLarge.message()).contains("for out is 50", "max.request.size of 4096 bytes");
        assertThat(limit.check(new ProducerRecord<>("out", new byte[10], new byte[3000]))).isNull();
    }
}

package io.conveyor.dataplane;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;

/**
 * The largest record a stage's producer will send ({@code max.request.size}), checked before the
 * send: a transactional producer that refuses a record with a {@link RecordTooLargeException}
 * dooms the whole transaction ("Cannot execute transactional method because we are in an error
 * state"), so a record too large for Kafka is rejected (dead-lettered with that cause) instead of
 * failing the run. Sized the way {@code KafkaProducer} sizes it (its upper-bound estimate).
 */
public record RecordSizeLimit(int maxBytes, CompressionType compression) {

    /** Kafka's default {@code max.request.size}. */
    public static final int KAFKA_DEFAULT = 1024 * 1024;
    public static final String RULE = "record-too-large";

    /** The limit of a producer made by {@link ServiceClients#producer} from {@code clientConfig}. */
    public static RecordSizeLimit of(Map<String, Object> clientConfig) {
        Object max = clientConfig.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        Object compression = clientConfig.getOrDefault(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new RecordSizeLimit(max == null ? KAFKA_DEFAULT : Integer.parseInt(max.toString().trim()),
                CompressionType.forName(compression.toString().trim().toLowerCase(Locale.ROOT)));
    }

    public int size(ProducerRecord<byte[], byte[]> record) {
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, compression, record.key(),
                record.value(), record.headers().toArray());
    }

    /** Null when the record fits; otherwise why it cannot be sent, as a reject. */
    public RejectReason check(ProducerRecord<byte[], byte[]> record) {
        int size = size(record);
        if (size <= maxBytes) {
            return null;
        }
        return new RejectReason(RULE, null, "the output record for " + record.topic() + " is " + size
                + " bytes when serialized, more than the producer's max.request.size of " + maxBytes + " bytes",
                RecordTooLargeException.class.getName());
    }
}

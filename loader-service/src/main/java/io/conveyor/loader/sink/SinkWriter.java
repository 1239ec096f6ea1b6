package io.conveyor.loader.sink;

import io.conveyor.dataplane.RejectReason;
import io.conveyor.pipeline.spec.sink.SinkSpec;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One kind of sink behind a {@link SinkRecordHandler}: writes the data records of its runs and
 * learns about partitions completed for a run. The transaction hooks are the handler's (see
 * {@link io.conveyor.dataplane.stream.RecordHandler}).
 */
public interface SinkWriter<S extends SinkSpec> {

    /**
     * Writes one data record of the run, to {@code output} (the worker's Kafka transaction) or
     * elsewhere; answers why it cannot be written (it then goes to the dead-letter topic), or null.
     */
    RejectReason write(SinkRun<S> run, InputPosition position, ConsumerRecord<byte[], byte[]> record, GenericRecord value,
                       Consumer<ProducerRecord<byte[], byte[]>> output);

    /** Every record of the run in this input partition is written; {@code end} is the record that closed it. */
    default void partitionDone(SinkRun<S> run, InputPosition end) {
    }

    /** The run ended or its task was cancelled: nothing more of it will be written. */
    default void runFinished(SinkRun<S> run) {
    }

    default void assigned(TopicPartition partition, long committedOffset) {
    }

    default void beforeCommit() {
    }

    default void committed() {
    }

    default void aborted() {
    }
}

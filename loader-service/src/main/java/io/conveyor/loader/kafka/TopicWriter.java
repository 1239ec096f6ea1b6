package io.conveyor.loader.kafka;

import io.conveyor.dataplane.AvroCodec;
import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.RecordSizeLimit;
import io.conveyor.dataplane.RejectReason;
import io.conveyor.loader.sink.InputPosition;
import io.conveyor.loader.sink.SinkRun;
import io.conveyor.loader.sink.SinkWriter;
import io.conveyor.pipeline.spec.sink.KafkaSink;
import io.conveyor.serde.registry.RegistryClientException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a run's records to the sink's topic inside the worker's transaction, in Confluent's wire
 * format under the subject {@code <topic>-value} (registered on first use, so the registry's
 * compatibility rules decide), with the input key and the run's {@code conveyor.run-id} and
 * {@code conveyor.task} headers. END markers are not forwarded: the sink's readers learn that a
 * run is complete from its terminal event on the runs topic (see docs/architecture.md).
 */
public final class TopicWriter implements SinkWriter<KafkaSink> {

    private final AvroCodec codec;
    private final RecordSizeLimit sizeLimit;

    public TopicWriter(AvroCodec codec, RecordSizeLimit sizeLimit) {
        this.codec = codec;
        this.sizeLimit = sizeLimit;
    }

    /**
     * A schema the registry refuses for the subject refuses the record (so the reject threshold
     * decides the run); other registry trouble is thrown and the batch is retried.
     */
    @Override
    public RejectReason write(SinkRun<KafkaSink> run, InputPosition position, ConsumerRecord<byte[], byte[]> record,
                              GenericRecord value, Consumer<ProducerRecord<byte[], byte[]>> output) {
        String topic = run.sink().topic();
        byte[] payload;
        try {
            payload = codec.write(topic, value);
        } catch (RegistryClientException e) {
            if (e.httpStatus() != RegistryClientException.INCOMPATIBLE) {
                throw e;
            }
            return new RejectReason("schema-incompatible", null, "the record's schema " + value.getSchema().getFullName()
                    + " is incompatible with subject " + topic + "-value: " + e.getMessage(), e.getClass().getName());
        } catch (SerializationException e) {
            return new RejectReason("serialize", null, e.getMessage(), e.getClass().getName());
        }
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, null, record.key(), payload, new RecordHeaders(List.of(
                new RecordHeader(DataHeaders.RUN_ID, DataHeaders.bytes(run.runId())),
                new RecordHeader(DataHeaders.TASK, DataHeaders.bytes(run.command().getTaskId())))));
        RejectReason tooLarge = sizeLimit.check(out);
        if (tooLarge != null) {
            return tooLarge;
        }
        output.accept(out);
        return null;
    }

}

package io.conveyor.scheduler.tracker;

import io.conveyor.control.PipelineVersion;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global pipelines store equal to the compacted pipelines topic: last version wins, a tombstone deletes. */
final class PipelineStoreUpdater implements Processor<String, PipelineVersion, Void, Void> {

    private KeyValueStore<String, PipelineVersion> pipelines;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.pipelines = context.getStateStore(TrackerStores.PIPELINES);
    }

    @Override
    public void process(Record<String, PipelineVersion> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            pipelines.delete(record.key());
        } else {
            pipelines.put(record.key(), record.value());
        }
    }
}

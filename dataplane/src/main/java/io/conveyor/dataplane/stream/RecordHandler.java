package io.conveyor.dataplane.stream;

import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What a {@link TransactionalWorker} does with the records of one task: everything a handler
 * writes to Kafka goes to {@code output}, inside the worker's transaction; the hooks let it tie
 * work outside Kafka (files) to that transaction.
 */
public interface RecordHandler {

    /** What became of a record. */
    enum Step {
        /** Handled (or skipped): the partition moves on. */
        DONE,
        /** Its run has no command yet: the partition waits at this record. */
        HOLD
    }

    /**
     * @param shard  the record's input partition among the task's input partitions
     * @param ledger the progress of the runs open in the record's partition, updated in place
     */
    Step process(ConsumerRecord<byte[], byte[]> record, int shard, int shards, Map<String, RunProgress> ledger,
                 Consumer<ProducerRecord<byte[], byte[]>> output);

    /** Drops the progress of runs that ended or were cancelled in input shard {@code shard}: they will never complete here. */
    void prune(int shard, Map<String, RunProgress> ledger);

    /** The worker knows its input: {@code shards} partitions. Called once, before any partition is assigned. */
    default void started(int shards) {
    }

    /** The partition (input shard {@code shard}) is now this consumer's, starting at its committed offset (or 0 when none). */
    default void assigned(TopicPartition partition, int shard, long committedOffset) {
    }

    /** The partition (input shard {@code shard}) was taken away; state kept for it can go. */
    default void revoked(TopicPartition partition, int shard) {
    }

    /** Last chance before the commit: make work outside Kafka durable; an exception aborts the transaction. */
    default void beforeCommit() {
    }

    /** The transaction committed. */
    default void committed() {
    }

    /** The transaction was aborted: nothing the handler wrote into it exists. */
    default void aborted() {
    }

    /** Called once per poll round, between transactions. */
    default void housekeeping() {
    }

    /**
     * The worker gives up (a fatal error, or transient ones past its failure policy): write the FAILED
     * report of every open run of the task to {@code output}, with {@code message} as the cause. The worker
     * commits them in a transaction of their own and stops.
     */
    default void failed(String message, Consumer<ProducerRecord<byte[], byte[]>> output) {
    }

    /** The worker stopped; release what the handler holds. */
    default void closed() {
    }
}

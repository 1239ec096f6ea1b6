package io.conveyor.loader.stream;

import org.apache.kafka.common.TopicPartition;

/** The database holds another offset for a partition than this consumer expected: it lost the partition. */
final class OffsetConflictException extends Exception {

    OffsetConflictException(TopicPartition partition, Long expected) {
        super("stored offset of " + partition + " is no longer " + expected + "; another consumer owns the partition");
    }
}

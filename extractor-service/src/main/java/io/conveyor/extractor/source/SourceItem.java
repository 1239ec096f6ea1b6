package io.conveyor.extractor.source;

import java.util.Objects;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Headers;

/** What a source yields for one unit of input: a record, or the input it could not turn into one. */
public sealed interface SourceItem {

    record Extracted(GenericRecord record) implements SourceItem {

        public Extracted {
            Objects.requireNonNull(record, "record");
        }
    }

    /**
     * A dead letter's original record, replayed: written as it is (its schema id is in its bytes),
     * with its replay headers.
     */
    record Replayed(byte[] key, byte[] value, Headers headers) implements SourceItem {

        public Replayed {
            Objects.requireNonNull(headers, "headers");
        }
    }

    /**
     * @param sourcePosition where the input was, such as {@code file:line}
     * @param original       the input as read, such as the line's bytes
     */
    record Rejected(String sourcePosition, byte[] original, String message, String exceptionClass) implements SourceItem {

        public Rejected {
            Objects.requireNonNull(sourcePosition, "sourcePosition");
            Objects.requireNonNull(original, "original");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(exceptionClass, "exceptionClass");
        }

        public static Rejected of(String sourcePosition, byte[] original, Exception cause) {
            return new Rejected(sourcePosition, original, String.valueOf(cause.getMessage()), cause.getClass().getName());
        }
    }
}

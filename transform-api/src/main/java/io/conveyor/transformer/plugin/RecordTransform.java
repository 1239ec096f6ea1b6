package io.conveyor.transformer.plugin;

import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.util.Map;

/**
 * A custom transform supplied by users as a class on the transformer's classpath. It needs a
 * public no-argument constructor; {@link #configure} then receives the rule's configuration once,
 * before any record. {@code apply} may change the row and returns {@link Verdict#keep()},
 * {@link Verdict#drop(String)} or {@link Verdict#reject(String, String)}. One instance serves all
 * records, possibly from several threads; an exception thrown by {@code apply} rejects the record
 * with the exception's class and message.
 */
public interface RecordTransform {

    /**
     * Receives the rule's configuration.
     *
     * @throws IllegalArgumentException when the configuration is invalid; the message is shown
     *                                  to the user when the pipeline is loaded
     */
    default void configure(Map<String, String> config) {
    }

    Verdict apply(Row row, TransformContext context);
}

package io.conveyor.serde.avro;

import org.apache.kafka.common.config.ConfigException;

import java.util.Locale;

/**
 * Which registry subject a topic's keys or values are registered under. Configured with
 * Confluent's class names, so existing client configurations keep working, or with the short names.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema line per topic (Confluent's default). */
    TOPIC_NAME("io.confluent.kafka.serializers.subject.TopicNameStrategy"),
    /** The record's full name: one schema line per record type, across topics. */
    RECORD_NAME("io.confluent.kafka.serializers.subject.RecordNameStrategy"),
    /** {@code <topic>-<record full name>}: several record types in one topic. */
    TOPIC_RECORD_NAME("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

    private final String confluentClass;

    SubjectNameStrategy(String confluentClass) {
        this.confluentClass = confluentClass;
    }

    public String subject(String topic, boolean isKey, String recordFullName) {
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case RECORD_NAME -> recordFullName;
            case TOPIC_RECORD_NAME -> topic + "-" + recordFullName;
        };
    }

    static SubjectNameStrategy parse(String key, String value) {
        for (SubjectNameStrategy strategy : values()) {
            String simple = strategy.confluentClass.substring(strategy.confluentClass.lastIndexOf('.') + 1);
            if (strategy.confluentClass.equals(value) || simple.equalsIgnoreCase(value)
                    || strategy.name().equalsIgnoreCase(value.replace('-', '_'))) {
                return strategy;
            }
        }
        throw new ConfigException(key, value, "expected TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy "
                + "(short or Confluent class name)");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

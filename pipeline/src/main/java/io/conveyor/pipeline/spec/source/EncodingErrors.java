package io.conveyor.pipeline.spec.source;

/** What a text source does with bytes that are not valid in its encoding. */
public enum EncodingErrors {
    /** The record is dead-lettered with the position of the first invalid byte. */
    REJECT,
    /** Invalid bytes become U+FFFD and the record is kept. */
    REPLACE
}

package io.conveyor.extractor.source.csv;

import java.io.IOException;

/** A CSV record that does not fit the file's columns or quoting. */
public final class MalformedCsvException extends IOException {

    public MalformedCsvException(String message) {
        super(message);
    }
}

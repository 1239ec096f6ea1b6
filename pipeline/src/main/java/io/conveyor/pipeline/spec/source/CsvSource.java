package io.conveyor.pipeline.spec.source;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A delimited text file.
 *
 * @param header    whether the first row holds column names
 * @param encoding  canonical charset name
 * @param gzip      whether the file is gzip-compressed
 * @param columns   column names; required without a header, and with one they replace its names
 * @param nullValue text that stands for a null value
 * @param encodingErrors what a record with bytes invalid in the encoding becomes
 */
public record CsvSource(String path, boolean header, char delimiter, char quote, Optional<Character> escape,
                        String encoding, boolean gzip, List<String> columns, Optional<String> nullValue,
                        EncodingErrors encodingErrors)
        implements FileSource {

    /** A source that rejects records with invalid bytes, the default. */
    public CsvSource(String path, boolean header, char delimiter, char quote, Optional<Character> escape,
                     String encoding, boolean gzip, List<String> columns, Optional<String> nullValue) {
        this(path, header, delimiter, quote, escape, encoding, gzip, columns, nullValue, EncodingErrors.REJECT);
    }

    public CsvSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(escape, "escape");
        Objects.requireNonNull(encoding, "encoding");
        columns = List.copyOf(columns);
        Objects.requireNonNull(nullValue, "nullValue");
        Objects.requireNonNull(encodingErrors, "encodingErrors");
        if (!header && columns.isEmpty()) {
            throw new IllegalArgumentException("a CSV source without header needs columns");
        }
    }

    @Override
    public CsvSource withPath(String path) {
        return new CsvSource(path, header, delimiter, quote, escape, encoding, gzip, columns, nullValue, encodingErrors);
    }

    public Charset charset() {
        return Charset.forName(encoding);
    }
}

package io.conveyor.pipeline.spec.source;

import java.nio.charset.Charset;
import java.util.Objects;

/** A file with one JSON object per line. */
public record JsonLinesSource(String path, String encoding, boolean gzip) implements FileSource {

    public JsonLinesSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(encoding, "encoding");
    }

    public Charset charset() {
        return Charset.forName(encoding);
    }

    @Override
    public JsonLinesSource withPath(String path) {
        return new JsonLinesSource(path, encoding, gzip);
    }
}

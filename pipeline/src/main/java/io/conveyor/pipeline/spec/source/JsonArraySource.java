package io.conveyor.pipeline.spec.source;

import java.nio.charset.Charset;
import java.util.Objects;

/** A file holding one JSON array of objects ({@code type: json}). */
public record JsonArraySource(String path, String encoding, boolean gzip) implements FileSource {

    public JsonArraySource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(encoding, "encoding");
    }

    public Charset charset() {
        return Charset.forName(encoding);
    }

    @Override
    public JsonArraySource withPath(String path) {
        return new JsonArraySource(path, encoding, gzip);
    }
}

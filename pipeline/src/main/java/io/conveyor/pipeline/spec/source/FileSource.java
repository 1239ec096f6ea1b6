package io.conveyor.pipeline.spec.source;

/**
 * A source that reads one file. Its {@code path} is the one templated setting of a pipeline
 * ({@code ${input}}), and the one the extractor's file roots check, so both go through this type.
 */
public sealed interface FileSource extends SourceSpec permits CsvSource, JsonLinesSource, JsonArraySource, ParquetSource {

    String path();

    /** This source reading another file, every other setting kept. */
    FileSource withPath(String path);
}

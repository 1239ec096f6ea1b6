package io.conveyor.loader.stream;

import io.conveyor.testkit.ConveyorStack;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The restart and shared-run cases on the embedded warehouse: the loaders of this JVM share one DuckDB file. */
class DuckDbLoaderRestartTest extends LoaderRestartTest {

    @TempDir
    Path directory;

    DuckDbLoaderRestartTest(ConveyorStack stack) {
        super(stack);
    }

    @Override
    LoaderFixture fixture(ConveyorStack stack) {
        return new LoaderFixture(stack, TestWarehouse.duckdb(directory));
    }
}

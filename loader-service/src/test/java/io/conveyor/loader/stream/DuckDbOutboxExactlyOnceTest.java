package io.conveyor.loader.stream;

import io.conveyor.testkit.ConveyorStack;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The exactly-once outbox on the embedded warehouse, where the publisher claim lives in the JVM. */
class DuckDbOutboxExactlyOnceTest extends OutboxExactlyOnceTest {

    @TempDir
    Path directory;

    DuckDbOutboxExactlyOnceTest(ConveyorStack stack) {
        super(stack);
    }

    @Override
    LoaderFixture fixture(ConveyorStack stack) {
        return new LoaderFixture(stack, TestWarehouse.duckdb(directory));
    }
}

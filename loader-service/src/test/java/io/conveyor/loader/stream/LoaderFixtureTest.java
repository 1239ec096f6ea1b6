package io.conveyor.loader.stream;

import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A loader suite that runs against PostgreSQL and, through a subclass overriding {@link #fixture},
 * against the embedded warehouse: one fresh {@link LoaderFixture} per test.
 */
@ExtendWith(ConveyorStackExtension.class)
abstract class LoaderFixtureTest {

    final ConveyorStack stack;
    LoaderFixture fixture;

    LoaderFixtureTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void openFixture() throws Exception {
        fixture = fixture(stack);
    }

    LoaderFixture fixture(ConveyorStack stack) throws Exception {
        return LoaderFixture.postgres(stack);
    }

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }
}

package io.conveyor.transformer.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionalSeenKeysTest {

    private final TransactionalSeenKeys keys = new TransactionalSeenKeys();

    @Test
    void keysOfAnAbortedTransactionAreNewAgain() {
        assertThat(keys.firstTime("a")).isTrue();
        assertThat(keys.firstTime("a")).isFalse();

        keys.abort();

        assertThat(keys.firstTime("a")).isTrue();
    }

    @Test
    void committedKeysStaySeen() {
        keys.firstTime("a");
        keys.commit();

        assertThat(keys.firstTime("a")).isFalse();
        keys.abort();
        assertThat(keys.firstTime("a")).isFalse();
    }
}

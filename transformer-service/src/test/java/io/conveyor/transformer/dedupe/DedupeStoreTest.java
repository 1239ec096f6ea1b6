package io.conveyor.transformer.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.dataplane.ServiceClients;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The store on the real broker, driven as a worker drives it: inside its producer's transactions. */
@ExtendWith(ConveyorStackExtension.class)
class DedupeStoreTest {

    private static final String RUN = "orders@m-1";

    private final ConveyorStack stack;
    private final List<AutoCloseable> opened = new ArrayList<>();
    @TempDir
    private Path directory;
    private Admin admin;
    private DedupeStorage storage;
    private String changelog;

    DedupeStoreTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void open() {
        admin = Admin.create(stack.clientConfig());
        storage = new DedupeStorage(new DedupeSettings(directory, 8 << 20, 2 << 20), stack.clientConfig(), admin);
        changelog = ConveyorStack.uniqueName("dedupe") + "-dedupe-changelog";
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        storage.close();
        admin.close();
    }

    @Test
    void keysOfAnAbortedTransactionAreNeitherSeenLocallyNorRestored() {
        Instance first = instance("first");
        first.store.ensureChangelog(2);
        first.store.restore(0);
        first.transaction(() -> assertThat(first.store.firstTime(RUN, "k1")).isTrue(), true);

        first.transaction(() -> {
            assertThat(first.store.firstTime(RUN, "k2")).isTrue();
            assertThat(first.store.firstTime(RUN, "k2")).isFalse();
            assertThat(first.store.firstTime(RUN, "k1")).isFalse();
        }, false);
        first.transaction(() -> assertThat(first.store.firstTime(RUN, "k2")).isTrue(), false);

        Instance second = instance("second");
        second.store.restore(0);
        second.transaction(() -> {
            assertThat(second.store.firstTime(RUN, "k1")).isFalse();
            assertThat(second.store.firstTime(RUN, "k2")).isTrue();
        }, false);
    }

    @Test
    void keysBelongToTheirShardAndRunAndAreDeletedWhenTheRunCloses() {
        Instance first = instance("first");
        first.store.ensureChangelog(2);
        first.store.restore(0);
        first.store.restore(1);
        first.transaction(() -> {
            assertThat(first.store.firstTime(RUN, "k1")).isTrue();
            assertThat(first.store.firstTime("orders@m-2", "k1")).isTrue();
        }, true);
        first.store.inPartition(1);
        first.transaction(() -> assertThat(first.store.firstTime(RUN, "k1")).isTrue(), true);

        first.store.inPartition(0);
        first.transaction(() -> {
            assertThat(first.store.firstTime(RUN, "k3")).isTrue();
            first.store.forgetRun(0, RUN);
        }, true);

        Instance second = instance("second");
        second.store.restore(0);
        second.transaction(() -> {
            assertThat(second.store.firstTime(RUN, "k1")).isTrue();
            assertThat(second.store.firstTime(RUN, "k3")).isTrue();
            assertThat(second.store.firstTime("orders@m-2", "k1")).isFalse();
        }, false);
        second.store.drop(0);
        second.transaction(() -> assertThat(second.store.firstTime("orders@m-2", "k1")).isTrue(), false);
    }

    @Test
    void aChangelogWithOtherPartitioningThanTheInputIsRefused() {
        Instance first = instance("first");
        first.store.ensureChangelog(2);

        assertThatThrownBy(() -> first.store.ensureChangelog(3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(changelog).hasMessageContaining("2 partitions").hasMessageContaining("3 input partitions");
    }

    private Instance instance(String name) {
        KafkaProducer<byte[], byte[]> producer = ServiceClients.producer(stack.clientConfig(),
                Optional.of(changelog + "." + name));
        producer.initTransactions();
        DedupeStore store = storage.open(name, changelog, producer);
        store.inPartition(0);
        opened.add(() -> producer.close(Duration.ofSeconds(5)));
        opened.add(store);
        return new Instance(producer, store);
    }

    private record Instance(KafkaProducer<byte[], byte[]> producer, DedupeStore store) {

        void transaction(Runnable work, boolean commit) {
            producer.beginTransaction();
            work.run();
            if (commit) {
                producer.commitTransaction();
                store.commit();
            } else {
                producer.flush();
                producer.abortTransaction();
                store.abort();
            }
        }
    }
}

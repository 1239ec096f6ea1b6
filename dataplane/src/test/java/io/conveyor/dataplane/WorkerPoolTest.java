package io.conveyor.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.dataplane.health.LoopHeartbeat;
import io.conveyor.dataplane.health.ServiceHealth;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    private static final Duration STUCK_AFTER = Duration.ofMinutes(10);

    private final ServiceHealth health = new ServiceHealth();
    private final WorkerPool pool = new WorkerPool(health);

    /** A worker that runs {@code body} once. */
    private static WorkerPool.Worker worker(Runnable body) {
        return new WorkerPool.Worker() {
            @Override
            public void run() {
                body.run();
            }

            @Override
            public void stop() {
            }

            @Override
            public void watchedBy(LoopHeartbeat heartbeat) {
            }
        };
    }

    @Test
    void aWorkerWhoseThreadAnErrorKilledTakesTheInstancesLivenessDownWithItsNameAndTheError() throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        pool.startIfAbsent("transform-p.clean", () -> worker(() -> {
            gone.countDown();
            throw new OutOfMemoryError("Java heap space");
        }));
        gone.await(10, TimeUnit.SECONDS);

        awaitDown();

        assertThat(health.liveness(STUCK_AFTER).details())
                .containsEntry("transform-p.clean", "died: java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void aWorkerThatReturnsOnItsOwnTermsLeavesThePoolAndTheInstanceAlive() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        pool.startIfAbsent("load-p.load", () -> worker(done::countDown));
        done.await(10, TimeUnit.SECONDS);
        assertThat(pool.stopAll(Duration.ofSeconds(10))).isTrue();

        assertThat(health.liveness(STUCK_AFTER).up()).isTrue();
    }

    @Test
    void stoppingWaitsForTheWorkersWithinOnePatienceForAllOfThem() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        for (String name : new String[] {"a", "b", "c"}) {
            pool.startIfAbsent(name, () -> worker(() -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        long start = System.nanoTime();

        boolean stopped = pool.stopAll(Duration.ofMillis(600));

        assertThat(stopped).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        never.countDown();
    }

    private void awaitDown() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (health.liveness(STUCK_AFTER).up() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}

package io.conveyor.dataplane.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServiceHealthTest {

    private static final Duration STUCK_AFTER = Duration.ofMinutes(10);

    private final AtomicLong now = new AtomicLong();
    private final ServiceHealth health = new ServiceHealth(now::get);

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void aLoopThatKeepsComingRoundIsAlive() {
        LoopHeartbeat loop = health.watch("transform-p.clean", true);
        for (int i = 0; i < 20; i++) {
            advance(Duration.ofMinutes(1));
            loop.beat();
        }

        assertThat(health.liveness(STUCK_AFTER)).isEqualTo(new HealthVerdict(true, java.util.Map.of("transform-p.clean", "running")));
    }

    @Test
    void aLoopThatDiedKeepsTheInstanceDownWithTheReasonEvenAfterItLeftThePool() {
        LoopHeartbeat loop = health.watch("transform-p.clean", true);
        loop.died(new StackOverflowError("rule recursed"));

        HealthVerdict verdict = health.liveness(STUCK_AFTER);

        assertThat(verdict.up()).isFalse();
        assertThat(verdict.details()).containsEntry("transform-p.clean", "died: java.lang.StackOverflowError: rule recursed");
        // The task's next command starts a fresh worker under the same name: the death is not forgotten.
        health.watch("transform-p.clean", true).beat();
        assertThat(health.liveness(STUCK_AFTER).up()).isFalse();
    }

    @Test
    void aLoopThatEndedOnItsOwnTermsLeavesTheInstanceAlive() {
        health.watch("load-p.load", true).ended();

        assertThat(health.liveness(STUCK_AFTER).up()).isTrue();
        assertThat(health.liveness(STUCK_AFTER).details()).isEmpty();
    }

    @Test
    void aLoopThatOwnsWorkAndHasNotComeRoundForLongerThanTheBoundIsStuck() {
        LoopHeartbeat loop = health.watch("extractor-worker", false);
        loop.beat();
        advance(STUCK_AFTER);
        assertThat(health.liveness(STUCK_AFTER).up()).as("at the bound").isTrue();

        advance(Duration.ofSeconds(1));

        HealthVerdict verdict = health.liveness(STUCK_AFTER);
        assertThat(verdict.up()).isFalse();
        assertThat(verdict.details()).containsEntry("extractor-worker",
                "stuck: has not come round to poll for 601 s (bound 600 s)");
        loop.beat();
        assertThat(health.liveness(STUCK_AFTER).up()).as("came round again").isTrue();
    }

    @Test
    void anIdleLoopIsNeverStuckHoweverLongItWaitsForWork() {
        LoopHeartbeat loop = health.watch("extractor-worker", false);
        loop.idle();
        advance(Duration.ofDays(2));

        assertThat(health.liveness(STUCK_AFTER)).isEqualTo(new HealthVerdict(true, java.util.Map.of("extractor-worker", "idle")));
    }

    @Test
    void theInstanceIsNotReadyUntilEveryConsumerJoinedItsGroup() {
        LoopHeartbeat feed = health.watch("control-plane-feed", true);
        LoopHeartbeat worker = health.watch("transform-p.clean", true);
        health.watch("extractor-worker", false);

        assertThat(health.readiness().up()).isFalse();
        assertThat(health.readiness().details()).containsEntry("control-plane-feed", "has not joined its consumer group yet")
                .containsEntry("transform-p.clean", "has not joined its consumer group yet");
        feed.joined();
        worker.joined();

        assertThat(health.readiness().up()).isTrue();
    }

    @Test
    void theInstanceIsNotReadyWhileADependencyDoesNotAnswer() {
        boolean[] kafkaUp = {false};
        DependencyMonitor.Check kafka = new DependencyMonitor.Check() {
            @Override
            public String name() {
                return "kafka";
            }

            @Override
            public void check() {
                if (!kafkaUp[0]) {
                    throw new IllegalStateException("no broker at 127.0.0.1:1");
                }
            }
        };
        try (DependencyMonitor monitor = new DependencyMonitor(List.of(kafka), Duration.ofDays(1))) {
            health.dependsOn(monitor);
            monitor.checkAll();
            assertThat(health.readiness().up()).isFalse();
            assertThat(health.readiness().details()).containsEntry("kafka",
                    "does not answer: java.lang.IllegalStateException: no broker at 127.0.0.1:1");

            kafkaUp[0] = true;
            monitor.checkAll();

            assertThat(health.readiness()).isEqualTo(new HealthVerdict(true, java.util.Map.of("kafka", "reachable")));
        }
    }
}

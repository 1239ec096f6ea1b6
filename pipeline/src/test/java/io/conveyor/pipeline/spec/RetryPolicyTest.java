package io.conveyor.pipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(30), Duration.ofMinutes(3));

    @Test
    void delayDoublesUpToTheCap() {
        assertThat(policy.delayBefore(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofMinutes(3));
        assertThat(policy.delayBefore(1000)).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void refusesContradictions() {
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delayBefore(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectThresholdFailsTheTaskOnlyWhenExceeded() {
        TaskSettings fivePercent = new TaskSettings(1000, policy, Optional.empty(), 0, 0.05);
        assertThat(fivePercent.rejectsExceedThreshold(5, 100)).isFalse();
        assertThat(fivePercent.rejectsExceedThreshold(6, 100)).isTrue();
        assertThat(TaskSettings.DEFAULT.rejectsExceedThreshold(100, 100)).isFalse();
        assertThat(fivePercent.rejectsExceedThreshold(0, 0)).isFalse();
    }

    @Test
    void passwordsAreRevealedOnlyOnRequest() {
        assertThat(new Password.Literal("s3cret")).hasToString("Literal[****]");
        assertThat(new Password.Literal("s3cret").reveal(Map.of())).isEqualTo("s3cret");
        assertThat(new Password.FromEnv("DB_PASSWORD").reveal(Map.of("DB_PASSWORD", "from-env"))).isEqualTo("from-env");
        assertThatThrownBy(() -> new Password.FromEnv("DB_PASSWORD").reveal(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DB_PASSWORD");
    }
}

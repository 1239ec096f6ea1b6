package io.conveyor.dataplane.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {

    private final AtomicLong nanos = new AtomicLong();
    private final FailurePolicy policy = new FailurePolicy(4, Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofSeconds(10), 0.5);

    @Test
    void transientErrorsAreRetriedWithDoublingPausesUpToTheLimitThenFail() {
        FailurePolicy.Retries retries = policy.retries(nanos::get, () -> 0.0);
        List<Duration> pauses = new ArrayList<>();
        UnknownTopicOrPartitionException metadata = new UnknownTopicOrPartitionException("not yet");
        for (int i = 0; i < 4; i++) {
            pauses.add(retries.next(metadata));
        }

        assertThat(pauses).extracting(Duration::toMillis).containsExactly(100L, 200L, 400L, 500L);
        assertThat(retries.next(metadata)).as("the fifth failure in a row is past maxRetries").isNull();
    }

    @Test
    void aSuccessStartsTheBudgetOver() {
        FailurePolicy.Retries retries = policy.retries(nanos::get, () -> 0.0);
        for (int i = 0; i < 4; i++) {
            retries.next(new UnknownTopicOrPartitionException("not yet"));
        }
        retries.succeeded();

        assertThat(retries.next(new UnknownTopicOrPartitionException("again"))).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void retriesStopWhenTheirDurationWouldPassTheMaximum() {
        FailurePolicy.Retries retries = policy.retries(nanos::get, () -> 0.0);
        assertThat(retries.next(new java.util.concurrent.TimeoutException())).isNotNull();
        nanos.addAndGet(Duration.ofMillis(9_850).toNanos());

        assertThat(retries.next(new java.util.concurrent.TimeoutException())).as("9.85 s + 200 ms > 10 s").isNull();
    }

    @Test
    void jitterShortensPausesByAtMostItsFraction() {
        assertThat(policy.retries(nanos::get, () -> 1.0).next(new UnknownTopicOrPartitionException("x")))
                .isEqualTo(Duration.ofMillis(50));
        assertThat(policy.retries(nanos::get, () -> 0.5).next(new UnknownTopicOrPartitionException("x")))
                .isEqualTo(Duration.ofMillis(75));
    }

    @Test
    void nonTransientErrorsFailAtOnce() {
        FailurePolicy.Retries retries = policy.retries(nanos::get, () -> 0.0);

        assertThat(retries.next(new IllegalStateException("a bug"))).isNull();
        assertThat(policy.retries(nanos::get, () -> 0.0).next(new SerializationException("bad bytes"))).isNull();
        assertThat(policy.retries(nanos::get, () -> 0.0).next(new RecordTooLargeException("2 MB"))).isNull();
    }

    @Test
    void transientCausesAreFoundInsideWrappers() {
        assertThat(FailurePolicy.isTransient(new IllegalStateException("cannot read the end offset",
                new UnknownTopicOrPartitionException("This server does not host this topic-partition.")))).isTrue();
        assertThat(FailurePolicy.isTransient(new SQLTransientConnectionException("connection lost"))).isTrue();
        assertThat(FailurePolicy.isTransient(new SQLException("server closed the connection", "08006"))).isTrue();
        assertThat(FailurePolicy.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(FailurePolicy.isTransient(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(FailurePolicy.isTransient(new java.io.IOException(new java.net.http.HttpTimeoutException("request timed out"))))
                .isTrue();
        assertThat(FailurePolicy.isTransient(new KafkaException("Cannot execute transactional method because we are in an"
                + " error state", new org.apache.kafka.clients.consumer.CommitFailedException()))).isTrue();
        assertThat(FailurePolicy.isTransient(new io.conveyor.serde.registry.RegistryClientException("did not answer",
                new java.net.ConnectException("Connection refused")))).isTrue();
        assertThat(FailurePolicy.isTransient(new io.conveyor.serde.registry.RegistryClientException(503, 50301, "unavailable")))
                .isTrue();
        assertThat(FailurePolicy.isTransient(new io.conveyor.serde.registry.RegistryClientException(409, 409, "incompatible")))
                .isFalse();
        assertThat(FailurePolicy.isTransient(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(FailurePolicy.isTransient(new java.io.IOException("GET /items answered 404"))).isFalse();
    }

    @Test
    void theDescriptionNamesTheRealCauseAndItsWrapper() {
        KafkaException wrapped = new KafkaException(new RecordTooLargeException("The message is 52428888 bytes"));

        assertThat(FailurePolicy.describe(wrapped)).isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException:"
                + " The message is 52428888 bytes (in org.apache.kafka.common.KafkaException)");
        assertThat(FailurePolicy.describe(new IllegalStateException("plain")))
                .isEqualTo("java.lang.IllegalStateException: plain");
    }

    @Test
    void aPolicyWithBackoffsTheWrongWayRoundIsRefused() {
        assertThatThrownBy(() -> new FailurePolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialBackoff");
    }
}

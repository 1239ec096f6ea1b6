package io.conveyor.dataplane.failure;

import io.conveyor.serde.registry.RegistryClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

/**
 * The one failure policy of every worker, in the spirit of Kafka Connect's retry with tolerance:
 * a transient error (a retriable Kafka error, a rebalance under an open transaction, a timeout,
 * a registry that does not answer or answers 5xx, a lost or rolled-back database connection) is
 * retried with exponential backoff, at most {@code maxRetries} times in a row and for at most
 * {@code maxDuration}; any other error, or a transient one past that budget, is fatal: the worker
 * reports its task FAILED with {@link #describe(Throwable)} of the cause.
 *
 * @param maxRetries     retries in a row before a transient error becomes fatal
 * @param initialBackoff the pause before the first retry; each further one doubles it
 * @param maxBackoff     the longest pause between two retries
 * @param maxDuration    how long a run of retries may last in all
 * @param jitter         the fraction (0 to 1) of each pause that is random, so that instances do not retry in step
 */
public record FailurePolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxDuration,
                            double jitter) {

    public FailurePolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be 0 <= initialBackoff (" + initialBackoff
                    + ") <= maxBackoff (" + maxBackoff + ")");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
    }

    /** 10 retries from 250 ms doubling to 10 s, within 2 minutes: a broker or database restart is ridden out. */
    public static FailurePolicy defaults() {
        return new FailurePolicy(10, Duration.ofMillis(250), Duration.ofSeconds(10), Duration.ofMinutes(2), 0.2);
    }

    /** Whether {@code error} or one of its causes is worth another try. */
    public static boolean isTransient(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RetriableException || cause instanceof TimeoutException
                    || cause instanceof SocketTimeoutException || cause instanceof ConnectException
                    || cause instanceof HttpTimeoutException
                    // The group rebalanced under an open transaction: its offsets were refused, the batch is redone.
                    || cause instanceof CommitFailedException || cause instanceof RebalanceInProgressException
                    || cause instanceof IllegalGenerationException || cause instanceof UnknownMemberIdException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            // The registry did not answer (restarting, unreachable) or answered with a server error.
            if (cause instanceof RegistryClientException registry
                    && (registry.httpStatus() >= 500 || registry.getCause() instanceof IOException)) {
                return true;
            }
            // SQLState class 08: connection exception; 40: transaction rollback (serialization failure, deadlock);
            // 57P: the server shuts down, restarts or is not accepting connections yet.
            if (cause instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
                    || sql.getSQLState().startsWith("40") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The cause as a task status message names it: the class and message of the deepest cause that
     * has a message (Kafka wraps the real error, e.g. a RecordTooLargeException, in a KafkaException).
     */
    public static String describe(Throwable error) {
        Throwable named = error;
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null) {
                named = cause;
            }
        }
        String text = named.getClass().getName() + (named.getMessage() == null ? "" : ": " + named.getMessage());
        return named == error ? text : text + " (in " + error.getClass().getName() + ")";
    }

    /** A fresh budget, measured on the system clock. */
    public Retries retries() {
        return new Retries(this, System::nanoTime, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** A fresh budget on the given clock (nanoseconds) and random source (0 to 1), for tests. */
    public Retries retries(LongSupplier nanoTime, DoubleSupplier random) {
        return new Retries(this, nanoTime, random);
    }

    /** The pause before retry number {@code retry} (1 for the first), without jitter. */
    Duration backoff(int retry) {
        long millis = initialBackoff.toMillis();
        for (int i = 1; i < retry && millis < maxBackoff.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** One worker's run of failures in a row; {@link #succeeded()} starts it over. Not thread safe. */
    public static final class Retries {

        private final FailurePolicy policy;
        private final LongSupplier nanoTime;
        private final DoubleSupplier random;
        private int failures;
        private long firstFailure;

        private Retries(FailurePolicy policy, LongSupplier nanoTime, DoubleSupplier random) {
            this.policy = policy;
            this.nanoTime = nanoTime;
            this.random = random;
        }

        /**
         * Counts the failure and answers how long to wait before the next try, or null when {@code error}
         * is fatal: not transient, or the retries in a row or their duration are used up.
         */
        public Duration next(Throwable error) {
            return next(error, isTransient(error));
        }

        /** {@link #next(Throwable)} where the caller knows better whether {@code error} is transient in its domain. */
        public Duration next(Throwable error, boolean isTransient) {
            long now = nanoTime.getAsLong();
            if (failures == 0) {
                firstFailure = now;
            }
            failures++;
            if (!isTransient || failures > policy.maxRetries()) {
                return null;
            }
            Duration base = policy.backoff(failures);
            long jittered = Math.round(base.toMillis() * (1 - policy.jitter() * random.getAsDouble()));
            Duration pause = Duration.ofMillis(jittered);
            if (Duration.ofNanos(now - firstFailure).plus(pause).compareTo(policy.maxDuration()) > 0) {
                return null;
            }
            return pause;
        }

        /** Failures in the current run. */
        public int failures() {
            return failures;
        }

        public void succeeded() {
            failures = 0;
        }
    }
}

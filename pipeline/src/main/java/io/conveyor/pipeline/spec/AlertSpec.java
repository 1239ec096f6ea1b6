package io.conveyor.pipeline.spec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a pipeline's runs raise alerts and which webhook channels hear of them. Every alert is also
 * published on the alerts topic, so a pipeline with alerts and no channel is still watched there.
 *
 * @param sla        a run not finished this long after its logical time raises an SLA alert
 *                   (Airflow's SLA miss); empty: no deadline
 * @param onFailure  whether a run that ends FAILED raises an alert
 * @param rejectRate a finished run that rejected more than this share (0..1) of the records it read
 *                   raises an alert; empty: none
 * @param channels   names of webhook channels, defined by the scheduler's operator (a pipeline names
 *                   a channel, never a URL: the file is untrusted and a URL would let it reach any host)
 */
public record AlertSpec(Optional<Duration> sla, boolean onFailure, Optional<Double> rejectRate, List<String> channels) {

    public AlertSpec {
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(rejectRate, "rejectRate");
        channels = List.copyOf(channels);
        if (sla.isPresent() && (sla.get().isNegative() || sla.get().isZero())) {
            throw new IllegalArgumentException("sla must be longer than zero: " + sla.get());
        }
        if (rejectRate.isPresent() && !(rejectRate.get() >= 0 && rejectRate.get() <= 1)) {
            throw new IllegalArgumentException("rejectRate out of range: " + rejectRate.get());
        }
    }

    /** Whether {@code rejected} of {@code read} records is more than the pipeline tolerates without an alert. */
    public boolean rejectRateExceeded(long rejected, long read) {
        return rejectRate.isPresent() && read > 0 && (double) rejected / read > rejectRate.get();
    }
}

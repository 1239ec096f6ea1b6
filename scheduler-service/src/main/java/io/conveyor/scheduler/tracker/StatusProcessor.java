package io.conveyor.scheduler.tracker;

import io.conveyor.control.RunIds;
import io.conveyor.control.TaskStatus;
import io.conveyor.scheduler.dag.RunInput.Tick;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the services' task status reports into their runs, and owns the wall-clock punctuator
 * that ticks the active runs (timeouts, retry backoffs) and expires run history.
 */
final class StatusProcessor implements Processor<String, TaskStatus, String, SpecificRecord> {

    /** Bounds the work of one punctuation; the rest expires on the next ones. */
    private static final int EXPIRY_BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(StatusProcessor.class);

    private final Duration tickInterval;
    private final Duration retention;
    private ProcessorContext<String, SpecificRecord> context;
    private RunControl control;

    StatusProcessor(Duration tickInterval, Duration retention) {
        this.tickInterval = tickInterval;
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.control = new RunControl(context);
        context.schedule(tickInterval, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<String, TaskStatus> record) {
        TaskStatus status = record.value();
        if (status == null) {
            LOG.warn("task status dropped: null value {}", where());
            return;
        }
        Optional<TrackedRun> run = control.book().find(status.getRunId());
        if (run.isEmpty()) {
            // A status keyed by run id instead of pipeline lands on another partition than its run.
            LOG.warn("task status dropped: unknown run {} (task {}, attempt {}, key {}; task status must be keyed "
                    + "by pipeline) {}", status.getRunId(), status.getTaskId(), status.getAttempt(), record.key(), where());
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        try {
            StatusReports.read(run.get(), status)
                    .ifPresent(report -> control.apply(run.get(), report.run(), report.input(), now));
        } catch (IllegalArgumentException e) {
            LOG.warn("task status dropped: {} {}", e.getMessage(), where());
        }
    }

    private void tick(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        for (String runId : control.book().activeRunIds()) {
            control.book().find(runId)
                    .map(run -> control.apply(run, new Tick(), now))
                    .ifPresent(run -> control.checkSla(run, now));
        }
        for (String runId : control.book().queuedRunIds()) {
            control.book().find(runId).ifPresent(run -> control.checkSla(run, now));
        }
        int expired = control.book().expire(now.minus(retention), EXPIRY_BATCH);
        if (expired > 0) {
            LOG.info("deleted {} runs that finished more than {} ago", expired, retention);
        }
    }

    private String where() {
        return context.recordMetadata()
                .map(m -> "topic=" + m.topic() + " partition=" + m.partition() + " offset=" + m.offset())
                .orElse("");
    }
}

package io.conveyor.bench.controlplane;

import io.conveyor.control.PipelineVersion;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.pipeline.spec.load.PipelineValidationException;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** The one-task pipelines the benchmark runs, deployed by publishing their {@link PipelineVersion}. */
final class BenchPipelines {

    /** Runs complete at once; enough slots that no run waits for one. */
    static final String LATENCY = "latency";
    static final String THROUGHPUT = "throughput";
    /** One slot, taken by a run that never finishes: every later run queues. */
    static final String BACKLOG = "backlog";

    private BenchPipelines() {
    }

    static void deployAll(BenchStack stack) {
        var values = new ConfluentAvroSerializer<PipelineVersion>();
        values.configure(stack.clientConfig(), false);
        try (var producer = new KafkaProducer<>(stack.clientConfig(), new StringSerializer(), values)) {
            for (var entry : Map.of(LATENCY, 10_000, THROUGHPUT, 10_000, BACKLOG, 1).entrySet()) {
                PipelineVersion version = version(entry.getKey(), entry.getValue());
                producer.send(new ProducerRecord<>(stack.topics().pipelines(), version.getName(), version)).get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot deploy the bench pipelines", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted deploying the bench pipelines", e);
        }
    }

    private static PipelineVersion version(String name, int maxActiveRuns) {
        String yaml = """
                name: %s
                maxActiveRuns: %d
                tasks:
                  - id: extract
                    kind: extract
                    source: {type: csv, path: /data/in.csv}
                """.formatted(name, maxActiveRuns);
        try {
            return PipelineVersion.newBuilder()
                    .setName(name)
                    .setVersion(1)
                    .setFingerprint(PipelineLoader.parse(yaml, name + ".yaml").fingerprint())
                    .setDefinition(yaml)
                    .setSourceFile(name + ".yaml")
                    .setDeployedBy("bench")
                    .setDeployedAt(Instant.now())
                    .build();
        } catch (PipelineValidationException e) {
            throw new IllegalStateException("bench pipeline " + name + " does not load: " + e.problems(), e);
        }
    }
}

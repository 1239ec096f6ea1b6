package io.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import io.conveyor.e2e.harness.ServiceFleet;
import io.conveyor.e2e.harness.ServiceProcess;
import io.conveyor.e2e.harness.StackPipelines;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dead-letter topic of 1,000,000 letters (about 450 MB of them) listed, paged, filtered and
 * counted by a scheduler process whose heap is 256 MB: the letters are read a poll at a time and
 * never held, or it would run out of memory.
 */
@ExtendWith(ConveyorStackExtension.class)
class DeadLetterListingIT {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterListingIT.class);
    private static final int LETTERS = 1_000_000;
    private static final int PARTITIONS = 3;
    /** One letter in 100,000 has its own rule, so a filter for it reads the whole topic to find ten. */
    private static final int RARE_EVERY = 100_000;

    private ServiceFleet fleet;

    @Test
    void aMillionLettersArePagedFilteredAndCountedByASchedulerWithA256MbHeap(ConveyorStack stack) throws Exception {
        fleet = new ServiceFleet(stack, ConveyorStack.uniqueName("dlq-million"), 1);
        TopicNames names = fleet.names();
        String pipeline = "orders";
        stack.createTopics(PARTITIONS, names.deadLetters(pipeline));
        long started = System.nanoTime();
        produceLetters(stack, names.deadLetters(pipeline));
        LOG.info("Produced {} letters in {} s", LETTERS, (System.nanoTime() - started) / 1_000_000_000);

        ServiceProcess scheduler = fleet.scheduler("scheduler-1");
        ServiceFleet.startAll(List.of(scheduler));
        StackPipelines api = new StackPipelines(stack, names, scheduler);
        String letters = "/pipelines/" + pipeline + "/dead-letters";

        started = System.nanoTime();
        JsonNode summary = api.get(letters + "/summary").body();
        LOG.info("Counted {} letters in {} ms", summary.path("total"), (System.nanoTime() - started) / 1_000_000);
        assertThat(summary.get("total").asLong()).isEqualTo(LETTERS);
        assertThat(summary.at("/byRule/rare#9").asLong()).isEqualTo(LETTERS / RARE_EVERY);
        assertThat(summary.at("/byState/OPEN").asLong()).isEqualTo(LETTERS);

        JsonNode first = api.get(letters + "?limit=1000").body();
        assertThat(first.get("letters")).hasSize(1000);
        assertThat(first.get("next").asText()).isEqualTo("0-1000");
        JsonNode deep = api.get(letters + "?limit=1000&after=2-300000").body();
        assertThat(deep.at("/letters/0/id").asText()).isEqualTo("2-300000");
        assertThat(deep.get("letters")).hasSize(1000);

        started = System.nanoTime();
        JsonNode rare = api.get(letters + "?rule=rare&limit=1000").body();
        LOG.info("Filtered the rare letters in {} ms", (System.nanoTime() - started) / 1_000_000);
        Set<String> ids = new HashSet<>();
        rare.get("letters").forEach(letter -> ids.add(letter.get("id").asText()));
        assertThat(ids).hasSize(LETTERS / RARE_EVERY);
        assertThat(rare.get("next").isNull()).isTrue();
        assertThat(scheduler.log()).content().doesNotContain("OutOfMemoryError");
    }

    /** Letters of about 450 bytes, spread round robin over the partitions. */
    private static void produceLetters(ConveyorStack stack, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        ConfluentAvroSerializer<Object> avro = new ConfluentAvroSerializer<>();
        avro.configure(stack.clientConfig(), false);
        String padding = "x".repeat(300);
        Instant time = Instant.parse("2026-12-07T10:00:00Z");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < LETTERS; i++) {
                DeadLetter letter = DeadLetter.newBuilder().setStage(Stage.TRANSFORM).setPipeline("orders")
                        .setRunId("orders@m-big").setTaskId("clean")
                        .setRule(i % RARE_EVERY == 77 ? "rare#9" : "regex#" + (i % 4)).setField("email")
                        .setMessage("rejected row " + i).setSourceTopic("conveyor.data.orders.extract")
                        .setSourcePartition(0).setSourceOffset((long) i)
                        .setOriginalValue(ByteBuffer.wrap((i + "," + padding).getBytes(StandardCharsets.UTF_8)))
                        .setTime(time).build();
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, null, avro.serialize(topic, letter)));
            }
            producer.flush();
        }
    }

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }
}

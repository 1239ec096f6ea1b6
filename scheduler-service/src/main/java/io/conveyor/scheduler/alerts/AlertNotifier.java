package io.conveyor.scheduler.alerts;

import io.conveyor.control.Alert;
import io.conveyor.serde.avro.AvroSerdeConfig;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the alerts topic to the webhook channels each alert names. The scheduler replicas share
 * one consumer group, so each alert is handled by one replica; its offset is committed as soon as its
 * channels were called, so a replica taking over after a rebalance starts after it. A replica that dies
 * between a call and that commit leaves the alert to be delivered again: the {@code id} of the body
 * (and the {@code Idempotency-Key} header) lets a receiver drop the repeat.
 *
 * <p>A delivery that still fails after its retries is logged and counted, and the notifier goes on: one
 * dead webhook must not hold back the alerts of every other channel. A record that is not an alert is
 * logged with its coordinates and skipped. Alerts older than {@code maxAge} when read (a notifier that
 * was down for a long time, or a group that starts from the beginning of the topic) are skipped, logged.
 */
public final class AlertNotifier implements AutoCloseable {

    static final String DELIVERIES = "conveyor.alerts.deliveries";
    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConfluentAvroDeserializer<Alert> alerts = new ConfluentAvroDeserializer<>();
    private final String topic;
    private final Map<String, WebhookChannel> channels;
    private final WebhookSender sender;
    private final Duration maxAge;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Thread thread;
    private volatile boolean closed;

    AlertNotifier(Map<String, Object> clientConfig, String topic, String group, List<WebhookChannel> channels,
                  WebhookSender sender, Duration maxAge, Clock clock, MeterRegistry meters) {
        Map<String, Object> readerConfig = new HashMap<>(clientConfig);
        readerConfig.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        alerts.configure(readerConfig, false);
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Alerts are few and a delivery may retry for minutes: a small poll keeps the group's patience.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(30).toMillis());
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.channels = channels.stream().collect(Collectors.toUnmodifiableMap(WebhookChannel::name, Function.identity()));
        this.sender = sender;
        this.maxAge = maxAge;
        this.clock = clock;
        this.meters = meters;
        // Every channel's series exist from the start at 0, so a rule's increase() sees the first failure.
        for (WebhookChannel channel : channels) {
            for (String outcome : List.of("delivered", "failed")) {
                counter(channel.name(), outcome);
            }
        }
        this.thread = new Thread(this::run, "alert-notifier");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    handle(record);
                    consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                LOG.error("alert notifier woken up while running; it stops", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("alert notifier stopped: alerts are no longer delivered by this replica", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    void handle(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
        Alert alert;
        try {
            alert = alerts.deserialize(record.topic(), record.value());
        } catch (SerializationException | ClassCastException e) {
            LOG.warn("skipped a record that is not an alert at {}-{} offset {}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            count("none", "not-an-alert");
            return;
        }
        if (alert == null) {
            count("none", "not-an-alert");
            return;
        }
        if (alert.getRaisedAt().plus(maxAge).isBefore(clock.instant())) {
            LOG.warn("alert {} not delivered: raised at {}, more than {} ago", alert.getId(), alert.getRaisedAt(), maxAge);
            alert.getChannels().forEach(name -> count(name.toString(), "too-old"));
            return;
        }
        for (CharSequence name : alert.getChannels()) {
            WebhookChannel channel = channels.get(name.toString());
            if (channel == null) {
                // Checked at deploy time; a channel removed from the configuration since then lands here.
                LOG.warn("alert {} not delivered to channel '{}': no such channel is defined ({})", alert.getId(), name,
                        AlertSettings.WEBHOOKS_KEY);
                count(name.toString(), "unknown-channel");
                continue;
            }
            WebhookSender.Delivery delivery = sender.send(channel, alert);
            if (delivery.delivered()) {
                LOG.info("alert {} delivered to {} ({} attempt(s))", alert.getId(), channel, delivery.attempts());
                count(channel.name(), "delivered");
            } else {
                LOG.error("alert {} not delivered to {} after {} attempt(s): {}", alert.getId(), channel, delivery.attempts(),
                        delivery.detail());
                count(channel.name(), "failed");
            }
        }
    }

    private void count(String channel, String outcome) {
        counter(channel, outcome).increment();
    }

    private Counter counter(String channel, String outcome) {
        return Counter.builder(DELIVERIES).description("Alert deliveries to webhook channels by outcome")
                .tag("channel", channel).tag("outcome", outcome).register(meters);
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        if (thread.isAlive()) {
            consumer.wakeup();
            thread.join(Duration.ofSeconds(30).toMillis());
        } else {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}

package io.conveyor.scheduler.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.scheduler.tracker.TrackerConfiguration;
import io.conveyor.scheduler.tracker.TrackerStores;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run queries while the tracker's Kafka Streams cannot answer: before it started and after it
 * stopped (the launcher's shutdown, a redeployment) both are 503 with a message, never 500. No
 * broker is needed: a Kafka Streams that never starts never connects.
 */
class UnavailableRunQueriesTest {

    private static final String RUN = "diamond@m-0000000000000001";

    private KafkaStreams streams;
    private RunQueries queries;

    @BeforeEach
    void createStreams(@TempDir Path stateDir) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("runs", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as(TrackerStores.RUNS));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "unavailable-queries");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams = new KafkaStreams(builder.build(), props);
        TrackerConfiguration config = new TrackerConfiguration(true, "tracker",
                stateDir.toString(), "127.0.0.1:8080", Duration.ofSeconds(1), Duration.ofDays(7), 1, -1, 0,
                Duration.ofSeconds(1), Duration.ofMillis(25), Optional.empty());
        queries = new RunQueries(streams, new Peers(config), config);
    }

    @AfterEach
    void close() {
        streams.close();
    }

    @Test
    void aTrackerThatHasNotStartedAnswers503() {
        assertUnavailable(queries.run(RUN, false), "CREATED");
        assertUnavailable(queries.runs(new RunFilter(Optional.empty(), Optional.empty(), 0, 50), false), "CREATED");
    }

    @Test
    void aStoppedTrackerAnswers503NotAServerError() {
        streams.close();

        assertUnavailable(queries.run(RUN, false), "NOT_RUNNING");
        assertUnavailable(queries.run(RUN, true), "NOT_RUNNING");
        assertUnavailable(queries.runs(new RunFilter(Optional.empty(), Optional.empty(), 0, 50), false), "NOT_RUNNING");
        assertUnavailable(queries.runs(new RunFilter(Optional.empty(), Optional.empty(), 0, 50), true), "NOT_RUNNING");
    }

    private static void assertUnavailable(HttpResponse<String> answer, String state) {
        assertThat(answer.code()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
        String body = answer.body();
        assertThat(body).contains("run stores are not queryable right now").contains("retry shortly")
                .contains("Kafka Streams is " + state);
    }
}

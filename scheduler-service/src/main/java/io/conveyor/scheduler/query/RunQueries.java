package io.conveyor.scheduler.query;

import io.conveyor.control.RunIds;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.tracker.RunJson;
import io.conveyor.scheduler.tracker.TrackerConfiguration;
import io.conveyor.scheduler.tracker.TrackerFactory;
import io.conveyor.scheduler.tracker.TrackerStores;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.uri.UriBuilder;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers run queries on any tracker instance. Runs are partitioned by pipeline, so a run or a
 * pipeline's history is asked of the instance owning that pipeline's partition (found with
 * {@link KafkaStreams#queryMetadataForKey}); the history of all pipelines is asked of every
 * instance and merged. A forwarded request carries {@code local=true} and is answered from the
 * receiving instance's stores only.
 */
@Singleton
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Requires(beans = TrackerConfiguration.class)
class RunQueries {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final LocalRuns local;
    private final Peers peers;
    private final HostInfo self;

    RunQueries(@Named(TrackerFactory.TRACKER) KafkaStreams streams, Peers peers, TrackerConfiguration config) {
        this.streams = streams;
        this.local = new LocalRuns(streams);
        this.peers = peers;
        this.self = HostInfo.buildFromEndpoint(config.applicationServer());
    }

    HttpResponse<String> run(String runId, boolean localOnly) {
        Optional<String> ownerKey = RunIds.pipelineOf(runId);
        if (ownerKey.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "'" + runId + "' is not a run id ({pipeline}@{suffix})");
        }
        String pipeline = ownerKey.get();
        try {
            requireQueryable();
            HostInfo owner = localOnly ? self : owner(pipeline);
            if (!owner.equals(self)) {
                return peers.get(owner, UriBuilder.of("/runs").path(runId).queryParam("local", true).build());
            }
            return local.find(runId).map(run -> ok(RunDetail.of(run)))
                    .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no run " + runId));
        } catch (InvalidStateStoreException | UnavailableException e) {
            return unavailable(e);
        } catch (IllegalStateException e) {
            return unavailableIfStopped(e);
        }
    }

    HttpResponse<String> runs(RunFilter filter, boolean localOnly) {
        try {
            requireQueryable();
            if (localOnly) {
                return ok(local.page(filter));
            }
            if (filter.pipeline().isPresent()) {
                HostInfo owner = owner(filter.pipeline().get());
                return owner.equals(self) ? ok(local.page(filter)) : peers.get(owner, forward(filter));
            }
            return fanOut(filter);
        } catch (InvalidStateStoreException | UnavailableException e) {
            return unavailable(e);
        } catch (IllegalStateException e) {
            return unavailableIfStopped(e);
        }
    }

    /**
     * Kafka Streams answers store and metadata calls with an {@link InvalidStateStoreException}
     * while it starts or rebalances, but with a plain {@link IllegalStateException} once it is
     * shutting down or stopped: both mean "not now", which is 503, not a server error (500).
     */
    private void requireQueryable() {
        KafkaStreams.State state = streams.state();
        if (!state.isRunningOrRebalancing()) {
            throw new UnavailableException("the tracker's Kafka Streams is " + state);
        }
    }

    /** The tracker began to stop while the query ran; any other IllegalStateException is a bug. */
    private HttpResponse<String> unavailableIfStopped(IllegalStateException e) {
        if (streams.state().isRunningOrRebalancing()) {
            throw e;
        }
        return unavailable(new UnavailableException("the tracker's Kafka Streams is " + streams.state()));
    }

    private HttpResponse<String> fanOut(RunFilter filter) {
        RunFilter fromStart = filter.fromStart();
        List<RunPage> pages = new ArrayList<>();
        for (StreamsMetadata instance : streams.streamsMetadataForStore(TrackerStores.RUNS)) {
            if (instance.hostInfo().equals(self)) {
                pages.add(local.page(fromStart));
                continue;
            }
            HttpResponse<String> answer = peers.get(instance.hostInfo(), forward(fromStart));
            if (answer.status() != HttpStatus.OK) {
                return answer;
            }
            pages.add(read(answer.body()));
        }
        return ok(RunPage.merge(pages, filter.offset(), filter.limit()));
    }

    private HostInfo owner(String pipeline) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(TrackerStores.RUNS, pipeline, KEYS);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new UnavailableException("no tracker instance owns pipeline '" + pipeline + "' right now");
        }
        return metadata.activeHost();
    }

    private static URI forward(RunFilter filter) {
        UriBuilder uri = UriBuilder.of("/runs").queryParam("local", true)
                .queryParam("offset", filter.offset()).queryParam("limit", filter.limit());
        filter.pipeline().ifPresent(pipeline -> uri.queryParam("pipeline", pipeline));
        filter.status().ifPresent(status -> uri.queryParam("status", status.name()));
        return uri.build();
    }

    private static RunPage read(String json) {
        try {
            return RunJson.MAPPER.readValue(json, RunPage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tracker instance answered a page that does not parse: " + e.getMessage(), e);
        }
    }

    private static HttpResponse<String> ok(Object body) {
        try {
            return HttpResponse.ok(RunJson.MAPPER.writeValueAsString(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static HttpResponse<String> error(HttpStatus status, String message) {
        return HttpResponse.<String>status(status).body(QueryErrors.json(message)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static HttpResponse<String> unavailable(RuntimeException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "run stores are not queryable right now (the tracker is starting, "
                + "rebalancing or stopping), retry shortly: " + e.getMessage());
    }

    /** No instance can answer for the key now, typically during a rebalance. */
    static final class UnavailableException extends RuntimeException {
        UnavailableException(String message) {
            super(message);
        }
    }
}

package io.conveyor.scheduler.deadletters;

import io.conveyor.deadletter.Stage;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.security.Callers;
import io.conveyor.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline's dead letters (docs/dead-letters.md): listed, counted and shown to viewers; replayed
 * and discarded by operators.
 */
@Controller("/pipelines/{name}/dead-letters")
@Secured(Roles.VIEWER)
@Requires(env = SchedulerApplication.ENVIRONMENT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "dead letters")
class DeadLetterController {

    private static final int DEFAULT_LIMIT = 50;

    private final DeadLetterQueries queries;
    private final DeadLetterDesk desk;
    private final StrictBodies bodies;

    DeadLetterController(DeadLetterQueries queries, DeadLetterDesk desk, JsonMapper json) {
        this.queries = queries;
        this.desk = desk;
        this.bodies = new StrictBodies(json);
    }

    @Get("{?run,stage,task,rule,field,state,from,to,after,limit}")
    @Operation(summary = "List the pipeline's dead letters in id order, filtered, a page at a time")
    @ApiResponse(responseCode = "200", description = "a page of letters and the cursor of the next page (after)")
    @ApiResponse(responseCode = "422", description = "a filter, the cursor or the limit is malformed")
    HttpResponse<?> list(@PathVariable String name, @Nullable String run, @Nullable String stage, @Nullable String task,
                         @Nullable String rule, @Nullable String field, @Nullable String state, @Nullable String from,
                         @Nullable String to, @Nullable String after, @Nullable Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > DeadLetterQueries.MAX_LIMIT) {
            throw new BadSelection("limit", "limit is " + size + "; it must be 1.." + DeadLetterQueries.MAX_LIMIT);
        }
        Optional<LetterId> cursor = Optional.ofNullable(after).map(text -> LetterId.parse(text).orElseThrow(() ->
                new BadSelection("after", "after is '" + text + "', not a letter id (partition-offset)")));
        LetterFilter filter = filter(new Selection(run, stage, task, rule, field, from, to, null), state);
        return HttpResponse.ok(queries.page(name, filter, cursor, size));
    }

    @Get("/summary{?run,stage,task,rule,field,state,from,to}")
    @Operation(summary = "Count the pipeline's dead letters by state, stage, task, rule and field")
    @ApiResponse(responseCode = "200", description = "the counts of the letters the filters match")
    HttpResponse<?> summary(@PathVariable String name, @Nullable String run, @Nullable String stage, @Nullable String task,
                            @Nullable String rule, @Nullable String field, @Nullable String state, @Nullable String from,
                            @Nullable String to) {
        return HttpResponse.ok(queries.counts(name, filter(new Selection(run, stage, task, rule, field, from, to, null),
                state)));
    }

    @Get("/{id}")
    @Operation(summary = "Show one dead letter whole: the error, where it came from, the original record decoded, its state")
    @ApiResponse(responseCode = "200", description = "the letter")
    @ApiResponse(responseCode = "404", description = "no letter with this id")
    HttpResponse<?> show(@PathVariable String name, @PathVariable String id) {
        LetterId letterId = LetterId.parse(id).orElseThrow(() ->
                new BadSelection("id", "'" + id + "' is not a letter id (partition-offset)"));
        return queries.letter(name, letterId).<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> HttpResponse.status(HttpStatus.NOT_FOUND).body(new Refusal("pipeline '" + name
                        + "' has no dead letter " + id, "id", null)));
    }

    @Post("/replay")
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Replay the selected open letters through the pipeline's current version in a new run")
    @ApiResponse(responseCode = "202", description = "the letters are claimed and the replay run triggered")
    @ApiResponse(responseCode = "404", description = "no such pipeline")
    @ApiResponse(responseCode = "409", description = "no selected letter is open and replayable, or the pipeline is paused")
    @ApiResponse(responseCode = "422", description = "a malformed selection, or a set value that does not fit its field")
    HttpResponse<?> replay(@PathVariable String name, @Body @Nullable JsonNode request, @Nullable Principal principal) {
        ReplayRequest body = bodies.read(request, ReplayRequest.class, new ReplayRequest(null, null, null));
        LetterFilter selection = filter(body.selection(), null);
        LetterPatch patch = new LetterPatch(body.set() == null ? Map.of() : body.set());
        String by = Callers.requestedBy(principal, Optional.ofNullable(body.requestedBy())).orElse("anonymous");
        try {
            DeadLetterDesk.Replay replay = desk.replay(name, selection, patch, by);
            return HttpResponse.accepted().body(new ReplayAccepted(replay.runId(), replay.letters(), replay.skipped()));
        } catch (LetterPatch.PatchException e) {
            throw new BadSelection("set", e.getMessage());
        }
    }

    @Post("/discard")
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Mark the selected open letters as handled, with a reason, without replaying them")
    @ApiResponse(responseCode = "200", description = "the letters are discarded")
    @ApiResponse(responseCode = "404", description = "no such pipeline")
    @ApiResponse(responseCode = "409", description = "no selected letter is open")
    @ApiResponse(responseCode = "422", description = "a malformed selection or no reason")
    HttpResponse<?> discard(@PathVariable String name, @Body @Nullable JsonNode body, @Nullable Principal principal) {
        DiscardRequest request = bodies.read(body, DiscardRequest.class, new DiscardRequest(null, null, null, null));
        if (request.reason() == null || request.reason().isBlank()) {
            throw new BadSelection("reason", "a discard needs a reason");
        }
        // Discarding cannot be undone, so "every open letter" must be asked for, never the reading of a missing selection.
        boolean all = Boolean.TRUE.equals(request.all());
        boolean selected = request.selection() != null && !request.selection().isEmpty();
        if (all && selected) {
            throw new BadSelection("all", "\"all\": true and a selection exclude each other; send one of them");
        }
        if (!all && !selected) {
            throw new BadSelection("selection", "a discard needs a selection (run, stage, task, rule, field, from, to or ids), "
                    + "or \"all\": true to discard every open letter of the pipeline");
        }
        String by = Callers.requestedBy(principal, Optional.ofNullable(request.requestedBy())).orElse("anonymous");
        DeadLetterDesk.Discard discard = desk.discard(name, filter(request.selection(), null), request.reason(), by);
        return HttpResponse.ok(new Discarded(discard.discarded(), discard.skipped()));
    }

    private static LetterFilter filter(@Nullable Selection selection, @Nullable String state) {
        Selection s = selection == null ? new Selection(null, null, null, null, null, null, null, null) : selection;
        Set<LetterId> ids = new HashSet<>();
        if (s.ids() != null) {
            for (String id : s.ids()) {
                ids.add(LetterId.parse(id).orElseThrow(() ->
                        new BadSelection("selection.ids", "'" + id + "' is not a letter id (partition-offset)")));
            }
        }
        return new LetterFilter(Optional.ofNullable(s.run()), Optional.ofNullable(s.stage()).map(DeadLetterController::stage),
                Optional.ofNullable(s.task()), Optional.ofNullable(s.rule()), Optional.ofNullable(s.field()),
                Optional.ofNullable(s.from()).map(text -> instant("from", text)),
                Optional.ofNullable(s.to()).map(text -> instant("to", text)),
                Optional.ofNullable(state).map(DeadLetterController::state), ids);
    }

    private static Stage stage(String text) {
        try {
            Stage stage = Stage.valueOf(text.toUpperCase(Locale.ROOT));
            if (stage == Stage.EXTRACT || stage == Stage.TRANSFORM || stage == Stage.LOAD) {
                return stage;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new BadSelection("stage", "stage is '" + text + "'; it is one of EXTRACT, TRANSFORM, LOAD");
    }

    private static LetterState.Kind state(String text) {
        try {
            return LetterState.Kind.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadSelection("state", "state is '" + text + "'; it is one of OPEN, REPLAYED, DISCARDED");
        }
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadSelection(field, field + " is '" + text + "', not an ISO-8601 instant such as 2026-12-07T10:00:00Z");
        }
    }

    /** Which letters: every criterion given must match; {@code ids} names the only letters that may. */
    @Serdeable
    record Selection(@Nullable String run, @Nullable String stage, @Nullable String task, @Nullable String rule,
                     @Nullable String field, @Nullable String from, @Nullable String to, @Nullable List<String> ids) {

        /** No criterion at all: it would match every letter. */
        boolean isEmpty() {
            return run == null && stage == null && task == null && rule == null && field == null && from == null && to == null
                    && (ids == null || ids.isEmpty());
        }
    }

    /** @param set fields to overwrite in every selected letter's record before it is replayed (edit and replay) */
    @Serdeable
    record ReplayRequest(@Nullable Selection selection, @Nullable Map<String, String> set, @Nullable String requestedBy) {
    }

    /** @param all true to discard every open letter of the pipeline: required when there is no selection */
    @Serdeable
    record DiscardRequest(@Nullable Selection selection, @Nullable Boolean all, @Nullable String reason,
                          @Nullable String requestedBy) {
    }

    @Serdeable
    record ReplayAccepted(String runId, long letters, DeadLetterDesk.Skipped skipped) {
    }

    @Serdeable
    record Discarded(long discarded, DeadLetterDesk.Skipped skipped) {
    }

    @Serdeable
    record Refusal(String message, String field, @Nullable DeadLetterDesk.Skipped skipped) {
    }

    /** A malformed request: answered 422 naming the field. */
    static final class BadSelection extends Refused {
        BadSelection(String field, String message) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, field, message, null);
        }
    }
}

package io.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.e2e.harness.CustomerCsv;
import io.conveyor.e2e.harness.CustomerPipeline;
import io.conveyor.e2e.harness.CustomerStack;
import io.conveyor.e2e.harness.MidTaskKill;
import io.conveyor.e2e.harness.Progress;
import io.conveyor.e2e.harness.RunChecks;
import io.conveyor.e2e.harness.StackPipelines;
import io.conveyor.e2e.harness.StackPipelines.Answer;
import io.conveyor.e2e.harness.TargetDatabase;
import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.replay.ReplayHeaders;
import io.conveyor.testkit.CommittedRecords;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dead letters closed-loop, on the real broker, registry and PostgreSQL with every service a
 * process of its own: a run rejects the rows a too-strict rule refuses; the pipeline is fixed; a
 * replay of that run's letters of that rule loads exactly those rows (the table's content is
 * checked), a second replay of them does nothing, and the letters that fail again (at the load
 * this time) are back on the dead-letter topic as attempt 2 linked to the first. Discard and
 * edit-and-replay settle the run's other letters.
 */
@ExtendWith(ConveyorStackExtension.class)
class DeadLetterReplayIT {

    /** Rows i with i % 30 == 15 break the table's CHECK: all of them end in 5, so the strict rule sees them first. */
    private static final CustomerCsv CSV = new CustomerCsv(10_000, 0, 30);
    private static final String TOO_STRICT = "regex: {field: name, pattern: '.*[^5]$'}";
    private static final String FIXED_EMAIL = "fixed@example.com";

    private CustomerStack deployed;

    @Test
    void aReplayOfTheLettersOfATooStrictRuleLoadsExactlyThoseRowsOnceAndTheirFailuresComeBackAsAttemptTwo(
            ConveyorStack stack) throws Exception {
        deployed = CustomerStack.start(stack, "replay", CSV);
        CustomerPipeline pipeline = deployed.pipeline();
        StackPipelines api = deployed.pipelines();
        TargetDatabase database = deployed.database();
        String letters = "/pipelines/" + pipeline.name() + "/dead-letters";

        assertThat(api.deploy(pipeline.yamlWith(TOO_STRICT), "customers.yaml")).isEqualTo(2);
        String firstRun = api.startOverRest(pipeline.name(), "first");
        assertThat(StackPipelines.status(api.awaitOutcome(firstRun, Duration.ofMinutes(5)))).isEqualTo("SUCCEEDED_WITH_REJECTS");

        long strict = count(i -> i % 10 == 5 && CSV.fate(i) != CustomerCsv.Fate.TRANSFORM_REJECT
                && CSV.fate(i) != CustomerCsv.Fate.EXTRACT_REJECT);
        long failAgain = count(i -> CSV.fate(i) == CustomerCsv.Fate.LOAD_REJECT);
        long badAmounts = count(i -> i % 1000 == 333);
        long badEmails = count(i -> i % 1000 == 666);
        JsonNode summary = api.get(letters + "/summary?run=" + encode(firstRun)).body();
        assertThat(summary.at("/byRule/regex#6").asLong()).as("letters of the strict rule: %s", summary).isEqualTo(strict);
        assertThat(summary.at("/byStage/LOAD").isMissingNode()).as("no row reached the load: %s", summary).isTrue();
        assertThat(summary.at("/byState/OPEN").asLong()).isEqualTo(summary.at("/total").asLong());

        // Paged: every letter of the rule once, in pages of 97.
        Set<String> seen = new HashSet<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = api.get(letters + "?rule=regex&limit=97" + (after == null ? "" : "&after=" + after)).body();
            page.get("letters").forEach(letter -> assertThat(seen.add(letter.get("id").asText())).isTrue());
            assertThat(page.get("letters").size()).isLessThanOrEqualTo(97);
            after = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (after != null);
        assertThat(seen).hasSize((int) strict);
        assertThat(pages).isGreaterThanOrEqualTo((int) (strict / 97));

        JsonNode one = api.get(letters + "/" + seen.iterator().next()).body();
        assertThat(one.get("stage").asText()).isEqualTo("TRANSFORM");
        assertThat(one.at("/value/name").asText().trim()).as("the original record decoded: %s", one).endsWith("5");
        assertThat(one.get("state").asText()).isEqualTo("OPEN");

        // Fixed: the strict rule goes. The replay runs the letters through version 3.
        assertThat(api.deploy(pipeline.yaml(), "customers.yaml")).isEqualTo(3);
        Answer replay = api.post(letters + "/replay", "{\"selection\": {\"run\": \"" + firstRun
                + "\", \"rule\": \"regex\"}, \"requestedBy\": \"e2e\"}");
        assertThat(replay.status()).as("replay: %s", replay.body()).isEqualTo(202);
        assertThat(replay.body().get("letters").asLong()).isEqualTo(strict);
        String replayRun = replay.body().get("runId").asText();
        JsonNode replayed = api.awaitOutcome(replayRun, Duration.ofMinutes(5));
        assertThat(StackPipelines.status(replayed)).isEqualTo("SUCCEEDED_WITH_REJECTS");
        assertThat(replayed.at("/tasks/0/task/counts/recordsOut").asLong()).as("extracted by the replay: %s", replayed)
                .isEqualTo(strict);

        Answer again = api.post(letters + "/replay", "{\"selection\": {\"run\": \"" + firstRun
                + "\", \"rule\": \"regex\"}}");
        assertThat(again.status()).as("second replay: %s", again.body()).isEqualTo(409);
        assertThat(again.body().at("/skipped/replayed").asLong()).isEqualTo(strict);

        JsonNode attempt2 = api.get(letters + "?run=" + encode(replayRun) + "&limit=1000").body();
        assertThat(attempt2.get("letters")).hasSize((int) failAgain);
        for (JsonNode letter : attempt2.get("letters")) {
            assertThat(letter.get("stage").asText()).isEqualTo("LOAD");
            assertThat(letter.get("replayAttempt").asInt()).isEqualTo(2);
            assertThat(seen).as("linked to a letter of the strict rule: %s", letter).contains(letter.get("firstLetter").asText());
        }
        assertThat(api.get(letters + "/" + attempt2.at("/letters/0/id").asText()).body().get("originalRunId").asText())
                .isEqualTo(firstRun);
        JsonNode originals = api.get(letters + "?run=" + encode(firstRun) + "&rule=regex&limit=1000").body();
        assertThat(originals.get("letters")).hasSize((int) strict);
        originals.get("letters").forEach(letter -> {
            assertThat(letter.get("state").asText()).isEqualTo("REPLAYED");
            assertThat(letter.get("replayRun").asText()).isEqualTo(replayRun);
        });

        // Discard: the amounts that are no number cannot be fixed by anyone.
        Answer discard = api.post(letters + "/discard", "{\"selection\": {\"run\": \"" + firstRun
                + "\", \"field\": \"amount\", \"stage\": \"TRANSFORM\"}, \"reason\": \"amount unreadable at the source\"}");
        assertThat(discard.status()).as("discard: %s", discard.body()).isEqualTo(200);
        assertThat(discard.body().get("discarded").asLong()).isEqualTo(badAmounts);
        assertThat(api.get(letters + "/summary?state=DISCARDED").body().get("total").asLong()).isEqualTo(badAmounts);
        assertThat(api.post(letters + "/replay", "{\"selection\": {\"run\": \"" + firstRun + "\", \"field\": \"amount\"}}")
                .status()).as("discarded letters are not replayed").isEqualTo(409);

        // Edit and replay: the e-mail addresses that are none get one.
        Answer edited = api.post(letters + "/replay", "{\"selection\": {\"run\": \"" + firstRun
                + "\", \"field\": \"email\"}, \"set\": {\"email\": \"" + FIXED_EMAIL + "\"}}");
        assertThat(edited.status()).as("edit and replay: %s", edited.body()).isEqualTo(202);
        assertThat(edited.body().get("letters").asLong()).isEqualTo(badEmails);
        assertThat(StackPipelines.status(api.awaitOutcome(edited.body().get("runId").asText(), Duration.ofMinutes(5))))
                .isEqualTo("SUCCEEDED");

        // The table: every good row of the file once (the strict rule's too), plus the edited rows.
        BigInteger checksum = CSV.expected().checksum();
        for (long i = 1; i <= CSV.rows(); i++) {
            if (i % 1000 == 666) {
                checksum = checksum.add(BigInteger.valueOf(CustomerCsv.rowHash(CSV.loadedRowWithEmail(i, FIXED_EMAIL))));
            }
        }
        TargetDatabase.Content content = database.content(pipeline.table());
        assertThat(content.rows()).isEqualTo(CSV.expected().loaded() + badEmails);
        assertThat(content.checksum()).isEqualTo(checksum);
        assertThat(api.get(letters + "/summary?run=" + encode(firstRun) + "&state=OPEN").body().get("total").asLong())
                .as("open letters of the first run: the extract rejects only")
                .isEqualTo(CSV.expected().extractRejects());
    }

    /**
     * A rule that rejects every row, then fixed, then a replay of its 100,000 letters during which
     * the transformer and then the loader are SIGKILLed mid-task: each letter's row ends up in the
     * table exactly once, each letter is claimed once and its record written to the replays topic
     * once, and the rows the table's CHECK refuses come back as attempt 2, once each.
     */
    @Test
    void killingTheTransformerAndTheLoaderDuringAReplayStillRecoversEachLettersRowExactlyOnce(ConveyorStack stack)
            throws Exception {
        // 100,301 rows: 101 extract rejects, 200 transform rejects, and 100,000 rows the rule rejects.
        CustomerCsv csv = new CustomerCsv(100_301, 0, 10_000);
        deployed = CustomerStack.start(stack, "replay-crash", csv);
        CustomerPipeline pipeline = deployed.pipeline();
        StackPipelines api = deployed.pipelines();
        TargetDatabase database = deployed.database();
        String letters = "/pipelines/" + pipeline.name() + "/dead-letters";

        api.deploy(pipeline.yamlWith("regex: {field: name, pattern: '^$'}"), "customers.yaml");
        String firstRun = api.startOverRest(pipeline.name(), "reject-all");
        assertThat(StackPipelines.status(api.awaitOutcome(firstRun, Duration.ofMinutes(5)))).isEqualTo("SUCCEEDED_WITH_REJECTS");
        assertThat(database.content(pipeline.table()).rows()).isZero();
        CustomerCsv.Expected expected = csv.expected();
        long rejectedByTheRule = expected.loaded() + expected.loadRejects();
        assertThat(rejectedByTheRule).isEqualTo(100_000);

        api.deploy(pipeline.yaml(), "customers.yaml");
        List<MidTaskKill> kills = new ArrayList<>();
        String replayRun;
        try (Progress progress = new Progress(stack)) {
            // The transformer's group has committed the first run's records: its progress counts from there.
            long before = progress.committed(deployed.transformerGroup());
            Answer replay = api.post(letters + "/replay", "{\"selection\": {\"run\": \"" + firstRun + "\", \"rule\": \"regex\"}}");
            assertThat(replay.status()).as("replay: %s", replay.body()).isEqualTo(202);
            assertThat(replay.body().get("letters").asLong()).isEqualTo(rejectedByTheRule);
            replayRun = replay.body().get("runId").asText();
            String run = replayRun;
            kills.add(MidTaskKill.kill(api, run, deployed.transformer(), 1, 30_000,
                    () -> progress.committed(deployed.transformerGroup()) - before));
            kills.add(MidTaskKill.kill(api, run, deployed.loader(), 2, 30_000, () -> database.loadedSoFar(run)));
        }
        JsonNode outcome = api.awaitOutcome(replayRun, Duration.ofMinutes(10));

        assertThat(kills).extracting(MidTaskKill::task).containsExactly(CustomerPipeline.CLEAN, CustomerPipeline.LOAD);
        assertThat(StackPipelines.status(outcome)).isEqualTo("SUCCEEDED_WITH_REJECTS");
        RunChecks.assertLoaded(database, pipeline.table(), csv);
        JsonNode again = api.get(letters + "/summary?run=" + encode(replayRun)).body();
        assertThat(again.get("total").asLong()).as("rejected again: %s", again).isEqualTo(expected.loadRejects());
        assertThat(again.at("/byStage/LOAD").asLong()).isEqualTo(expected.loadRejects());
        assertThat(api.get(letters + "/summary?run=" + encode(firstRun) + "&rule=regex").body().at("/byState/REPLAYED").asLong())
                .isEqualTo(rejectedByTheRule);
        String prefix = deployed.fleet().names().prefix();
        assertThat(CommittedRecords.readAll(stack, deployed.fleet().names().replays()).stream()
                .filter(r -> replayRun.equals(DataHeaders.text(r.headers(), DataHeaders.RUN_ID)))
                .map(r -> DataHeaders.text(r.headers(), ReplayHeaders.LETTER)).distinct().count())
                .as("letters on the replays topic of %s", prefix).isEqualTo(rejectedByTheRule);
        assertThat(CommittedRecords.readAll(stack, deployed.fleet().names().deadLetterStates()))
                .as("one state per letter").hasSize((int) rejectedByTheRule);
    }

    private static long count(java.util.function.LongPredicate rows) {
        return LongStream.rangeClosed(1, CSV.rows()).filter(rows).count();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        if (deployed != null) {
            deployed.close();
        }
    }
}

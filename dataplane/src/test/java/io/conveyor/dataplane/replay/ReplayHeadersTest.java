package io.conveyor.dataplane.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.dataplane.DataHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ReplayHeadersTest {

    @Test
    void aRecordWithoutARouteIsOrdinaryForEveryTask() {
        assertThat(ReplayHeaders.passage(new RecordHeaders(), "clean")).isEqualTo(ReplayHeaders.Passage.ORDINARY);
        assertThat(ReplayHeaders.isForAnotherSink(new RecordHeaders(), "load")).isFalse();
    }

    @Test
    void theLastTaskOfTheRouteIsWhereTheRecordEntersAndTheOnesBeforePassItOn() {
        Headers headers = routed("clean,enrich,load");

        assertThat(ReplayHeaders.passage(headers, "load")).isEqualTo(ReplayHeaders.Passage.ENTERS);
        assertThat(ReplayHeaders.passage(headers, "clean")).isEqualTo(ReplayHeaders.Passage.PASSES);
        assertThat(ReplayHeaders.passage(headers, "enrich")).isEqualTo(ReplayHeaders.Passage.PASSES);
        assertThat(ReplayHeaders.passage(headers, "archive")).isEqualTo(ReplayHeaders.Passage.OFF_ROUTE);
    }

    @Test
    void aSinkLeavesAloneTheLettersOfOtherTasksOnly() {
        Headers headers = routed("clean,load");

        assertThat(ReplayHeaders.isForAnotherSink(headers, "load")).isFalse();
        assertThat(ReplayHeaders.isForAnotherSink(headers, "archive")).isTrue();
    }

    @Test
    void aTaskNamedLikeAPrefixOfAnotherIsNotOnItsRoute() {
        assertThat(ReplayHeaders.passage(routed("cleaner,load"), "clean")).isEqualTo(ReplayHeaders.Passage.OFF_ROUTE);
    }

    @Test
    void aForwardedRecordKeepsItsRouteAndLineageUnderTheNewRunAndTaskHeaders() {
        RecordHeaders source = routed("clean,load");
        source.add(DataHeaders.RUN_ID, DataHeaders.bytes("orders@m-old"));
        source.add(DataHeaders.TASK, DataHeaders.bytes("extract"));
        source.add(ReplayHeaders.LETTER, DataHeaders.bytes("2-40"));
        source.add("trace-id", DataHeaders.bytes("abc"));
        RecordHeaders run = new RecordHeaders();
        run.add(DataHeaders.RUN_ID, DataHeaders.bytes("orders@m-new"));
        run.add(DataHeaders.TASK, DataHeaders.bytes("clean"));

        assertThat(text(ReplayHeaders.forwarded(source, run))).containsExactly(
                Map.entry(DataHeaders.RUN_ID, "orders@m-new"),
                Map.entry(DataHeaders.TASK, "clean"),
                Map.entry(ReplayHeaders.ROUTE, "clean,load"),
                Map.entry(ReplayHeaders.LETTER, "2-40"));
    }

    @Test
    void lineageIsCopiedWithoutTheRouteSoTheEntryTasksOutputIsOrdinaryDownstream() {
        RecordHeaders source = routed("clean");
        source.add(ReplayHeaders.LETTER, DataHeaders.bytes("0-7"));
        source.add(ReplayHeaders.ATTEMPT, DataHeaders.bytes("1"));
        source.add(ReplayHeaders.ORIGINAL_RUN, DataHeaders.bytes("orders@m-old"));
        RecordHeaders target = new RecordHeaders();

        ReplayHeaders.copyLineage(source, target);

        assertThat(text(target)).containsOnlyKeys(ReplayHeaders.LETTER, ReplayHeaders.ATTEMPT, ReplayHeaders.ORIGINAL_RUN);
        assertThat(ReplayHeaders.passage(target, "load")).isEqualTo(ReplayHeaders.Passage.ORDINARY);
        assertThat(ReplayHeaders.lineage(target)).isEqualTo(new ReplayHeaders.Lineage("0-7", 1, "orders@m-old"));
    }

    @Test
    void aRecordOfAnOrdinaryRunHasNoLineage() {
        assertThat(ReplayHeaders.lineage(new RecordHeaders())).isNull();
    }

    private static RecordHeaders routed(String route) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ReplayHeaders.ROUTE, DataHeaders.bytes(route));
        return headers;
    }

    private static Map<String, String> text(Headers headers) {
        Map<String, String> text = new LinkedHashMap<>();
        Arrays.stream(headers.toArray()).forEach(h -> text.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return text;
    }
}

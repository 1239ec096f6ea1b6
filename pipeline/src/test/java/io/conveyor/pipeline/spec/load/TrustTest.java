package io.conveyor.pipeline.spec.load;

import static io.conveyor.pipeline.spec.load.Snippets.sink;
import static io.conveyor.pipeline.spec.load.Snippets.source;
import static io.conveyor.pipeline.spec.load.Snippets.transform;
import static io.conveyor.pipeline.spec.load.Snippets.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.SecretEnvAllowList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a pipeline deployed over the network may not make its host do. */
class TrustTest {

    private static final Trust DEPLOYED = Trust.deployed(SecretEnvAllowList.DEFAULT, false, "conveyor.scheduler.secret-env-allow");

    @Test
    void aDeployedSchemaFileIsRefusedWithoutBeingReadOrEchoed(@TempDir Path directory) throws Exception {
        Path secret = Files.writeString(directory.resolve("passwd"), "root:x:0:0:secret-content");
        assertThat(refused(transform("schema: {file: " + secret + "}"), DEPLOYED)).singleElement().asString()
                .startsWith("orders.yaml:5:20: tasks[0].schema.file: schema files are not read in a deployed pipeline")
                .doesNotContain("secret-content");
        assertThat(refused(transform("schema: {file: ../../etc/passwd}"), Trust.STORED)).singleElement().asString()
                .contains("schema files are not read");
    }

    @Test
    void passwordEnvOutsideTheAllowListIsRefusedWithTheListNamed() {
        assertThat(refused(source("type: jdbc", "url: jdbc:postgresql://evil.example/x", "passwordEnv: HOME",
                "table: customers"), DEPLOYED)).containsExactly("orders.yaml:8:20: tasks[0].source.passwordEnv: environment"
                + " variable HOME is not allowed as a secret (allowed: CONVEYOR_SECRET_*, CONVEYOR_*_PASSWORD;"
                + " configure conveyor.scheduler.secret-env-allow)");
        assertThat(refused(sink("type: postgres", "url: jdbc:postgresql://evil.example/x", "passwordEnv: AWS_SECRET_ACCESS_KEY",
                "table: t"), DEPLOYED)).singleElement().asString().contains("tasks[0].sink.passwordEnv: environment variable"
                + " AWS_SECRET_ACCESS_KEY is not allowed");
    }

    @Test
    void passwordEnvInTheAllowListIsAccepted() throws Exception {
        PipelineSpec spec = PipelineLoader.parse(source("type: jdbc", "url: jdbc:postgresql://db/crm",
                "passwordEnv: CONVEYOR_SECRET_CRM", "table: customers"), "orders.yaml", DEPLOYED);
        assertThat(spec.tasks()).hasSize(1);
        PipelineLoader.parse(sink("type: postgres", "url: jdbc:postgresql://db/x", "passwordEnv: CONVEYOR_POSTGRES_PASSWORD",
                "table: t"), "orders.yaml", DEPLOYED);
    }

    @Test
    void aLiteralPasswordIsRefusedInADeployedPipelineAndAcceptedInALocalFile() throws Exception {
        String yaml = source("type: jdbc", "url: jdbc:postgresql://db/crm", "password: hunter2", "table: customers");
        assertThat(refused(yaml, DEPLOYED)).singleElement().asString()
                .startsWith("orders.yaml:8:17: tasks[0].source.password: a literal password is refused in a deployed pipeline")
                .doesNotContain("hunter2");
        assertThat(PipelineLoader.parse(yaml, "orders.yaml", Trust.LOCAL_FILE).tasks()).hasSize(1);
    }

    @Test
    void structureProblemsAreReportedOnceWhenTrustIsChecked() {
        assertThat(refused(source("type: jdbc", "url: jdbc:postgresql://db/crm", "passwordEnv: HOME", "passwordEnv: HOME",
                "table: customers"), DEPLOYED)).filteredOn(problem -> problem.contains("duplicate key")).hasSize(1);
    }

    @Test
    void schemaFilesAreInlinedForDeploymentKeepingTheRestOfTheText(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("out.avsc"),
                "{\"type\": \"record\", \"name\": \"Out\", \"fields\": [{\"name\": \"id\", \"type\": \"string\"}]}");
        String yaml = "name: orders # the orders\ntasks:\n  - id: a\n    kind: transform\n    schema: {file: out.avsc}\n"
                + "    rules: []\n  - id: b\n    kind: transform\n    dependsOn: [a]\n    schema:\n      file: out.avsc  # block\n"
                + "    rules: []\n";
        String inlined = SchemaFiles.inline(yaml, directory);
        assertThat(inlined).doesNotContain("file:").contains("# the orders", "# block");
        PipelineSpec local = PipelineLoader.parse(yaml, directory.resolve("orders.yaml").toString());
        PipelineSpec deployed = PipelineLoader.parse(inlined, "orders.yaml", DEPLOYED);
        assertThat(deployed.fingerprint()).isEqualTo(local.fingerprint());
    }
}

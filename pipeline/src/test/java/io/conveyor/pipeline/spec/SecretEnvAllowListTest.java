package io.conveyor.pipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretEnvAllowListTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("HOME", "/home/etl", "AWS_SECRET_ACCESS_KEY", "aws",
            "CONVEYOR_SECRET_CRM", "crm", "CONVEYOR_POSTGRES_PASSWORD", "pg");

    @Test
    void theDefaultListAllowsOnlyVariablesSetForPipelinesOnPurpose() {
        assertThat(SecretEnvAllowList.DEFAULT.filter(ENVIRONMENT))
                .isEqualTo(Map.of("CONVEYOR_SECRET_CRM", "crm", "CONVEYOR_POSTGRES_PASSWORD", "pg"));
        assertThat(SecretEnvAllowList.DEFAULT.allows("CONVEYOR_SECRET_")).isTrue();
        assertThat(SecretEnvAllowList.DEFAULT.allows("XCONVEYOR_SECRET_A")).isFalse();
        assertThat(SecretEnvAllowList.DEFAULT.allows("CONVEYOR_PASSWORD")).isFalse();
    }

    @Test
    void aWorkerNeverRevealsAVariableOutsideItsList() {
        Map<String, String> visible = SecretEnvAllowList.DEFAULT.filter(ENVIRONMENT);

        assertThatThrownBy(() -> new Password.FromEnv("HOME").reveal(visible))
                .hasMessage("environment variable HOME holding the password is not set, or not allowed as a secret on"
                        + " this service (its secret-env-allow setting)");
        assertThat(new Password.FromEnv("CONVEYOR_SECRET_CRM").reveal(visible)).isEqualTo("crm");
    }

    @Test
    void globsAreLiteralApartFromTheStar() {
        SecretEnvAllowList list = SecretEnvAllowList.of(List.of(" DB.PASS ", ""));
        assertThat(list.globs()).containsExactly("DB.PASS");
        assertThat(list.allows("DB.PASS")).isTrue();
        assertThat(list.allows("DBXPASS")).isFalse();
        assertThat(SecretEnvAllowList.of(List.of()).refusal("HOME", "k")).contains("allowed: none");
    }
}

package io.conveyor.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.cli.CliFailure;
import io.conveyor.cli.ExitCodes;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void aTokenIsSentAsBearerAndAUserWithPasswordAsBasicOnEveryRequest() {
        assertThat(Credentials.fromEnvironment(Map.of("CONVEYOR_TOKEN", "tok-0123456789"))).contains("Bearer tok-0123456789");
        assertThat(Credentials.fromEnvironment(Map.of("CONVEYOR_USER", "ada", "CONVEYOR_PASSWORD", "pw:with:colons")))
                .contains("Basic YWRhOnB3OndpdGg6Y29sb25z");
        assertThat(Credentials.fromEnvironment(Map.of())).isEmpty();

        SchedulerApi api = new SchedulerApi("http://scheduler:8080", Credentials.fromEnvironment(Map.of("CONVEYOR_TOKEN", "t-1")));
        assertThat(api.get("/pipelines").headers().firstValue("Authorization")).contains("Bearer t-1");
        assertThat(api.pauseRequest("orders", true).headers().firstValue("Authorization")).contains("Bearer t-1");
        assertThat(new SchedulerApi("http://scheduler:8080").get("/pipelines").headers().firstValue("Authorization")).isEmpty();
    }

    @Test
    void halfGivenOrTwoWaysOfSigningInAreUsageErrors() {
        assertThatThrownBy(() -> Credentials.fromEnvironment(Map.of("CONVEYOR_USER", "ada")))
                .isInstanceOf(CliFailure.class).hasMessage("CONVEYOR_USER is set but CONVEYOR_PASSWORD is not");
        assertThatThrownBy(() -> Credentials.fromEnvironment(Map.of("CONVEYOR_TOKEN", "t", "CONVEYOR_USER", "ada",
                "CONVEYOR_PASSWORD", "pw"))).isInstanceOf(CliFailure.class).hasMessageContaining("both set");
    }

    @Test
    void aRefusalForCredentialsOrRoleExitsWithDeniedAndSaysWhatToSet() {
        CliFailure unauthenticated = SchedulerApi.failure(new SchedulerApi.Answer(401, ""), "listing pipelines");
        assertThat(unauthenticated.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(unauthenticated.getMessage()).contains("HTTP 401", "CONVEYOR_TOKEN", "CONVEYOR_USER and CONVEYOR_PASSWORD");

        CliFailure forbidden = SchedulerApi.failure(new SchedulerApi.Answer(403, ""), "triggering orders");
        assertThat(forbidden.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(forbidden.getMessage()).contains("HTTP 403", "role");
    }
}

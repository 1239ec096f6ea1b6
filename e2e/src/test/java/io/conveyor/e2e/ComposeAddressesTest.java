package io.conveyor.e2e;

import io.conveyor.e2e.harness.ComposeFile;
import io.conveyor.e2e.harness.ComposeFile.ComposeService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker-compose.yml can be pointed at other hosts without editing it, which ComposeEnvironmentIT relies on:
 * with its top-level variables set, no Conveyor container and not the example names another container.
 */
class ComposeAddressesTest {

    private static final Path PROJECT = Path.of(System.getProperty("conveyor.project.dir", "..")).toAbsolutePath().normalize();

    @Test
    void withItsVariablesSetNoConveyorServiceNamesAnotherContainer() {
        assumeTrue(ComposeFile.available(), ComposeFile.binary() + " does not run here (apt-get install docker-compose)");
        ComposeFile compose = ComposeFile.resolve(PROJECT, Map.of(
                "CONVEYOR_BOOTSTRAP_SERVERS", "127.0.0.1:19092",
                "CONVEYOR_SCHEMA_REGISTRY_URL", "http://127.0.0.1:18081",
                "CONVEYOR_SCHEDULER_1_ADDRESS", "127.0.0.1:18080",
                "CONVEYOR_SCHEDULER_2_ADDRESS", "127.0.0.1:18090",
                "CONVEYOR_SCHEDULER_URL", "http://127.0.0.1:18080"), "example");

        for (ComposeService service : compose.services().values()) {
            if (service.image().startsWith("conveyor/") || service.name().equals("example")) {
                assertThat(compose.addressesOfOtherServices(service, List.of("postgres"))).as(service.name()).isEmpty();
            }
        }
        assertThat(compose.service("scheduler-2").environment()).containsValue("127.0.0.1:18090");
    }

    @Test
    void withoutThemTheComposeHostsAreFound() {
        assumeTrue(ComposeFile.available(), ComposeFile.binary() + " does not run here (apt-get install docker-compose)");
        ComposeFile compose = ComposeFile.resolve(PROJECT, Map.of(), "example");

        assertThat(compose.addressesOfOtherServices(compose.service("scheduler-1"), List.of("postgres")))
                .anySatisfy(found -> assertThat(found).endsWith("=kafka:9092"))
                .anySatisfy(found -> assertThat(found).endsWith("=http://schema-registry:8081"))
                .anySatisfy(found -> assertThat(found).endsWith("=scheduler-1:8080"));
        assertThat(compose.addressesOfOtherServices(compose.service("example"), List.of("postgres")))
                .containsExactly("SCHEDULER=http://scheduler-1:8080");
        // postgres is served where the test runs, so the loader's password variable and the pipeline's URL stay
        assertThat(compose.addressesOfOtherServices(compose.service("loader"), List.of("postgres", "kafka", "schema-registry"))).isEmpty();
    }
}

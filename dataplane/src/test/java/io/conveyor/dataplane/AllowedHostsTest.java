package io.conveyor.dataplane;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedHostsTest {

    private static final AllowedHosts HOSTS = AllowedHosts.of(List.of("db.internal", "*.api.example.com"),
            "conveyor.extractor.allowed-hosts");

    @Test
    void aListedHostOrSubDomainIsAllowed() {
        assertThatCode(() -> HOSTS.checkUrl("JDBC source", "jdbc:postgresql://DB.internal:5432/crm")).doesNotThrowAnyException();
        assertThatCode(() -> HOSTS.checkUrl("HTTP source", "https://v1.api.example.com/items")).doesNotThrowAnyException();
    }

    @Test
    void anyOtherHostIsRefusedWithTheHostNamed() {
        assertThatThrownBy(() -> HOSTS.checkUrl("JDBC source", "jdbc:postgresql://attacker.example:5432/x"))
                .hasMessage("JDBC source host attacker.example is not an allowed host [db.internal, *.api.example.com]"
                        + " (conveyor.extractor.allowed-hosts)");
        assertThatThrownBy(() -> HOSTS.checkUrl("HTTP source", "http://api.example.com.attacker.example/"))
                .hasMessageContaining("host api.example.com.attacker.example is not an allowed host");
        assertThatThrownBy(() -> HOSTS.checkUrl("JDBC source", "jdbc:duckdb:/etc/passwd"))
                .hasMessageContaining("names no host this service can check");
    }

    @Test
    void noListAllowsEveryHost() {
        assertThatCode(() -> AllowedHosts.of(List.of(""), "k").checkUrl("JDBC source", "jdbc:duckdb:")).doesNotThrowAnyException();
    }
}

package io.conveyor.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExampleOrdersTest {

    private static final String HEADER = "order_id,customer_email,country,amount,currency,status,created_at,note,shipping_address\n";

    @Test
    void validOrdersAreLoadedWithTheirAmountAndInvalidOnesCountedUnderTheFirstFieldThatFails(@TempDir Path dir) throws IOException {
        Path orders = Files.writeString(dir.resolve("orders.csv"), HEADER
                + "1,customer1@example.com,FR,2.25,EUR,PAID,2026-01-02T01:01:00Z,note 1,2 Main Street\n"
                + "97,customer97 at example.com,DE,98.25,EUR,NEW,2026-01-14T01:37:00Z,note 97,98 Main Street\n"
                + "101,customer101@example.com,GB,102.25,GBP,SHIPPED,31/02/2026,note 101,102 Main Street\n"
                + "9797,customer9797 at example.com,GB,1.25,GBP,SHIPPED,31/02/2026,note 9797,1 Main Street\n");

        ExampleOrders expected = ExampleOrders.expectedFrom(orders);

        assertThat(expected.loaded()).containsExactlyEntriesOf(Map.of(1L, new BigDecimal("2.25")));
        // Map.of iterates in an order that changes from one JVM to the next: compared as maps, not in order.
        assertThat(expected.rejectedByField()).isEqualTo(Map.of("created_at", 1L, "customer_email", 2L));
        assertThat(expected.rejected()).isEqualTo(3);
    }

    @Test
    void aLineTheGeneratorDoesNotWriteIsRefusedWithItsLineNumber(@TempDir Path dir) throws IOException {
        Path orders = Files.writeString(dir.resolve("orders.csv"), HEADER + "1,\"a,b\"@example.com,FR,2.25,EUR,PAID,2026-01-02T01:01:00Z,n,a\n");

        assertThatThrownBy(() -> ExampleOrders.expectedFrom(orders)).hasMessageContaining("line 2");
    }
}

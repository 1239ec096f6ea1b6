package io.conveyor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrincipalsTest {

    private static final String KEY = "conveyor.security.users";

    @Test
    void aSecretSignsItsPrincipalInAsPasswordOfItsNameOrAloneAsBearerTokenWithTheRolesBelowItsOwn() {
        Principals principals = Principals.parse(List.of("ada:admin:admin-secret-1", " otto:Operator:op:secret:with:colons "), KEY);

        assertThat(principals.byPassword("ada", "admin-secret-1")).hasValueSatisfying(ada ->
                assertThat(ada.roles()).containsExactly("viewer", "operator", "admin"));
        assertThat(principals.byToken("op:secret:with:colons")).hasValueSatisfying(otto -> {
            assertThat(otto.name()).isEqualTo("otto");
            assertThat(otto.roles()).containsExactly("viewer", "operator");
        });
        assertThat(principals.byPassword("otto", "admin-secret-1")).isEmpty();
        assertThat(principals.byPassword("nobody", "admin-secret-1")).isEmpty();
        assertThat(principals.byToken("admin-secret-")).isEmpty();
    }

    @Test
    void aBadEntryIsNamedByItsPositionAndNameAndNeverShowsItsSecret() {
        assertThatThrownBy(() -> Principals.parse(List.of("ada:admin:admin-secret-1", "eve:root:eve-secret-123"), KEY))
                .hasMessage("conveyor.security.users[1] (eve): unknown role 'root': one of [viewer, operator, admin]");
        assertThatThrownBy(() -> Principals.parse(List.of("ada:admin"), KEY))
                .hasMessage("conveyor.security.users[0] is not name:role:secret");
        assertThatThrownBy(() -> Principals.parse(List.of("ada:admin:short"), KEY))
                .hasMessageContaining("fewer than 12 characters").hasMessageNotContaining("short:");
        assertThatThrownBy(() -> Principals.parse(List.of("ada:admin:same-secret-123", "bob:viewer:same-secret-123"), KEY))
                .hasMessageContaining("[1] (bob)").hasMessageContaining("unique").hasMessageNotContaining("same-secret-123");
        assertThatThrownBy(() -> Principals.parse(List.of("ada:admin:admin-secret-1", "ada:viewer:other-secret-12"), KEY))
                .hasMessageContaining("given twice");
    }
}

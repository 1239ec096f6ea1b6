package io.conveyor.transformer.cleanse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.NumberParseException;
import io.conveyor.pipeline.spec.rule.PhoneFormat;
import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.FieldRule;
import io.conveyor.transformer.rules.InvalidValueException;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactNormaliserTest {

    private final EmailNormaliser email = new EmailNormaliser();

    @Test
    void normalisesEmailAddresses() throws Exception {
        assertThat(email.apply("  Jane.Doe@Example.COM ")).isEqualTo("jane.doe@example.com");
        assertThat(email.apply("a+tag@sub.example.org")).isEqualTo("a+tag@sub.example.org");
    }

    @Test
    void refusesInvalidEmailAddresses() {
        for (String invalid : new String[] {"jane", "jane@", "@example.com", "jane@@example.com", "jane doe@example.com",
                "jane@example", "jane@example.invalidtld"}) {
            assertThatThrownBy(() -> email.apply(invalid)).as(invalid)
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessage("\"" + invalid + "\" is not a valid e-mail address");
        }
    }

    @Test
    void emailRejectionNamesTheField() {
        Row row = Row.of(Map.of("email", "nope"));

        Verdict verdict = FieldRule.of(email, "email").apply(row, new TransformContext("p", "r", "t"));

        assertThat(verdict).isEqualTo(new Verdict.Reject("email", "\"nope\" is not a valid e-mail address", null));
    }

    @Test
    void normalisesUsNumbersInEveryFormat() throws Exception {
        assertThat(new PhoneNormaliser("US", PhoneFormat.E164).apply("(201) 555-0123")).isEqualTo("+12015550123");
        assertThat(new PhoneNormaliser("US", PhoneFormat.INTERNATIONAL).apply("201.555.0123")).isEqualTo("+1 201-555-0123");
        assertThat(new PhoneNormaliser("US", PhoneFormat.NATIONAL).apply("+1 201 555 0123")).isEqualTo("(201) 555-0123");
    }

    @Test
    void normalisesGermanNumbersWithTheirOwnRegion() throws Exception {
        assertThat(new PhoneNormaliser("DE", PhoneFormat.E164).apply("030 123456")).isEqualTo("+4930123456");
        assertThat(new PhoneNormaliser("DE", PhoneFormat.NATIONAL).apply("+49 30 123456")).isEqualTo("030 123456");
        assertThat(new PhoneNormaliser("US", PhoneFormat.E164).apply("+49 (0)30 123456")).isEqualTo("+4930123456");
    }

    @Test
    void refusesUnparsableAndInvalidNumbers() {
        PhoneNormaliser us = new PhoneNormaliser("US", PhoneFormat.E164);
        assertThatThrownBy(() -> us.apply("call me"))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.getCause()).isInstanceOf(NumberParseException.class))
                .hasMessageStartingWith("\"call me\" is not a phone number");
        assertThatThrownBy(() -> us.apply("(201) 555-012"))
                .hasMessage("\"(201) 555-012\" is not a valid phone number (default region US)");
        assertThatThrownBy(() -> new PhoneNormaliser(null, PhoneFormat.E164).apply("030 123456"))
                .hasMessageStartingWith("\"030 123456\" is not a phone number");
    }

    @Test
    void refusesUnknownRegion() {
        assertThatThrownBy(() -> new PhoneNormaliser("XX", PhoneFormat.E164))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown phone region 'XX'");
    }
}

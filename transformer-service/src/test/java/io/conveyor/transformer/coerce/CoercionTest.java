package io.conveyor.transformer.coerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.transformer.rules.InvalidValueException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoercionTest {

    @Nested
    class WholeNumbers {
        private final Coercion toInt = Coercions.forType("int");
        private final Coercion toLong = Coercions.forType("long");

        @Test
        void parsesTextWithSurroundingSpacesAndSigns() throws Exception {
            assertThat(toInt.apply(" 42 ")).isEqualTo(42);
            assertThat(toInt.apply("-7")).isEqualTo(-7);
            assertThat(toInt.apply("+7")).isEqualTo(7);
            assertThat(toLong.apply("9000000000")).isEqualTo(9_000_000_000L);
        }

        @Test
        void acceptsWholeValuesWrittenAsDecimalsAndRefusesFractions() throws Exception {
            assertThat(toInt.apply("12.00")).isEqualTo(12);
            assertThat(toInt.apply("1.2e3")).isEqualTo(1200);
            assertThat(toInt.apply(3.0)).isEqualTo(3);
            assertThatThrownBy(() -> toInt.apply("12.5"))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessage("cannot coerce \"12.5\" to int: has a fractional part");
            assertThatThrownBy(() -> toLong.apply(2.5)).hasMessageContaining("has a fractional part");
        }

        @Test
        void refusesValuesOutOfRange() {
            assertThatThrownBy(() -> toInt.apply("2147483648")).hasMessage("cannot coerce \"2147483648\" to int: out of int range");
            assertThatThrownBy(() -> toInt.apply(3_000_000_000L)).hasMessageContaining("out of int range");
            assertThatThrownBy(() -> toLong.apply("99999999999999999999")).hasMessageContaining("out of long range");
            assertThatThrownBy(() -> toLong.apply("1e999999999")).hasMessageContaining("out of long range");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "abc", "1,234", "0x1F", "1_000", "12abc", "NaN", "Infinity", "1e", "--1", "1 2"})
        void refusesTextThatIsNotAPlainNumber(String text) {
            assertThatThrownBy(() -> toInt.apply(text)).isInstanceOf(InvalidValueException.class)
                    .hasMessageEndingWith(": not a number");
        }

        @Test
        void keepsValuesThatAlreadyHaveTheType() throws Exception {
            Integer boxed = 1_000_000;
            assertThat(toInt.apply(boxed)).isSameAs(boxed);
        }
    }

    @Nested
    class Grouping {
        @Test
        void acceptsThousandsSeparatorsOnlyWhenConfiguredAndWellPlaced() throws Exception {
            NumberSyntax english = NumberSyntax.of(',', '.');
            Coercion toLong = WholeNumberCoercion.toLong(english);
            Coercion toDecimal = new DecimalCoercion(10, 2, DecimalRounding.REJECT, english);

            assertThat(toLong.apply("1,234,567")).isEqualTo(1_234_567L);
            assertThat(toLong.apply("-999")).isEqualTo(-999L);
            assertThat(toDecimal.apply("1,234.5")).isEqualTo(new BigDecimal("1234.50"));
            assertThatThrownBy(() -> toLong.apply("1,23,4")).hasMessageContaining("not a number");
            assertThatThrownBy(() -> toLong.apply("1234,567")).hasMessageContaining("not a number");
            assertThatThrownBy(() -> toLong.apply(",123")).hasMessageContaining("not a number");
            assertThatThrownBy(() -> toDecimal.apply("1.234,5")).hasMessageContaining("not a number");
        }

        @Test
        void readsContinentalNumbers() throws Exception {
            Coercion toDecimal = new DecimalCoercion(10, 2, DecimalRounding.REJECT, NumberSyntax.of('.', ','));
            Coercion toDouble = new DoubleCoercion(NumberSyntax.decimalSeparator(','));

            assertThat(toDecimal.apply("1.234,56")).isEqualTo(new BigDecimal("1234.56"));
            assertThat(toDouble.apply("3,5")).isEqualTo(3.5);
            assertThatThrownBy(() -> toDouble.apply("3.5")).hasMessageContaining("not a number");
        }

        @Test
        void refusesAmbiguousSyntax() {
            assertThatThrownBy(() -> NumberSyntax.of(',', ',')).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Doubles {
        private final Coercion toDouble = Coercions.forType("double");

        @Test
        void parsesDecimalAndExponentText() throws Exception {
            assertThat(toDouble.apply(" 1.5 ")).isEqualTo(1.5);
            assertThat(toDouble.apply("-2e-3")).isEqualTo(-0.002);
            assertThat(toDouble.apply(7)).isEqualTo(7.0);
        }

        @Test
        void refusesNonFiniteAndSuffixedNumbers() {
            assertThatThrownBy(() -> toDouble.apply("NaN")).hasMessageContaining("not a number");
            assertThatThrownBy(() -> toDouble.apply("1.5d")).hasMessageContaining("not a number");
            assertThatThrownBy(() -> toDouble.apply("1e400")).hasMessage("cannot coerce \"1e400\" to double: out of double range");
            assertThatThrownBy(() -> toDouble.apply(Double.NaN)).hasMessageContaining("out of double range");
        }
    }

    @Nested
    class Decimals {
        private final Coercion strict = Coercions.forType("decimal(5,2)");
        private final Coercion rounding = Coercions.forType("decimal(5, 2)",
                new Coercions.Options(null, null, null, DecimalRounding.HALF_UP));

        @Test
        void scalesToExactlyTheTargetScale() throws Exception {
            assertThat(strict.apply("12.5")).isEqualTo(new BigDecimal("12.50"));
            assertThat(strict.apply("12.500")).isEqualTo(new BigDecimal("12.50"));
            assertThat(strict.apply(0.1)).isEqualTo(new BigDecimal("0.10"));
            assertThat(strict.apply("0")).isEqualTo(new BigDecimal("0.00"));
            assertThat(strict.apply("-999.99")).isEqualTo(new BigDecimal("-999.99"));
        }

        @Test
        void refusesFractionDigitsThatWouldBeLostUnlessRoundingIsChosen() throws Exception {
            assertThatThrownBy(() -> strict.apply("1.005"))
                    .hasMessage("cannot coerce \"1.005\" to decimal(5,2): has more than 2 decimal places");
            assertThat(rounding.apply("1.005")).isEqualTo(new BigDecimal("1.01"));
            assertThat(rounding.apply("1.004")).isEqualTo(new BigDecimal("1.00"));
            assertThat(rounding.apply("-1.005")).isEqualTo(new BigDecimal("-1.01"));
        }

        @Test
        void refusesValuesNeedingMoreDigitsThanThePrecision() {
            assertThatThrownBy(() -> strict.apply("1234.5"))
                    .hasMessage("cannot coerce \"1234.5\" to decimal(5,2): needs 4 digits before the decimal point, at most 3 allowed");
            assertThatThrownBy(() -> rounding.apply("999.995"))
                    .hasMessage("cannot coerce \"999.995\" to decimal(5,2): needs 6 digits after rounding, at most 5 allowed");
            assertThatThrownBy(() -> strict.apply("1e999999999")).hasMessageContaining("digits before the decimal point");
        }

        @Test
        void allowsPureFractionsWhenScaleEqualsPrecision() throws Exception {
            Coercion fraction = Coercions.forType("decimal(2,2)");
            assertThat(fraction.apply("0.5")).isEqualTo(new BigDecimal("0.50"));
            assertThat(fraction.apply("0")).isEqualTo(new BigDecimal("0.00"));
            assertThatThrownBy(() -> fraction.apply("1.5")).hasMessageContaining("at most 0 allowed");
        }

        @Test
        void refusesInvalidDefinitions() {
            assertThatThrownBy(() -> Coercions.forType("decimal(2,3)")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("decimal(2,3)");
            assertThatThrownBy(() -> Coercions.forType("money")).hasMessageContaining("unknown coercion type 'money'");
        }
    }

    @Nested
    class Booleans {
        private final Coercion toBoolean = Coercions.forType("boolean");

        @ParameterizedTest
        @ValueSource(strings = {"true", "TRUE", " yes ", "Y", "t", "1"})
        void readsTrue(String text) throws Exception {
            assertThat(toBoolean.apply(text)).isEqualTo(true);
        }

        @ParameterizedTest
        @ValueSource(strings = {"false", "No", "n", "F", "0"})
        void readsFalse(String text) throws Exception {
            assertThat(toBoolean.apply(text)).isEqualTo(false);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "maybe", "2", "yess", "on", "-1"})
        void refusesAnythingElse(String text) {
            assertThatThrownBy(() -> toBoolean.apply(text))
                    .hasMessageContaining("to boolean: expected one of true/false, yes/no, y/n, t/f, 1/0");
        }

        @Test
        void readsZeroAndOneNumbers() throws Exception {
            assertThat(toBoolean.apply(1)).isEqualTo(true);
            assertThat(toBoolean.apply(0L)).isEqualTo(false);
            assertThatThrownBy(() -> toBoolean.apply(2)).isInstanceOf(InvalidValueException.class);
        }
    }

    @Nested
    class Dates {
        @Test
        void parsesIsoByDefaultAndPatternsStrictly() throws Exception {
            assertThat(Coercions.forType("date").apply("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
            Coercion german = new DateCoercion("dd.MM.yyyy");
            assertThat(german.apply(" 01.03.2024 ")).isEqualTo(LocalDate.of(2024, 3, 1));
            assertThatThrownBy(() -> german.apply("30.02.2024"))
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.getCause()).isInstanceOf(java.time.format.DateTimeParseException.class))
                    .hasMessageStartingWith("cannot coerce \"30.02.2024\" to date 'dd.MM.yyyy': could not be parsed");
            assertThatThrownBy(() -> Coercions.forType("date").apply("2023-02-29")).hasMessageContaining("not a leap year");
            assertThatThrownBy(() -> german.apply("2024-03-01")).hasMessageContaining("could not be parsed at index 2");
        }

        @Test
        void refusesInvalidPatternUpFront() {
            assertThatThrownBy(() -> new DateCoercion("yyyy-bb")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid date/time pattern 'yyyy-bb'");
        }

        @Test
        void monthNamesAreReadInTheGivenLocale() throws Exception {
            assertThat(new DateCoercion("MMM d yyyy", Locale.ENGLISH).apply("Jun 12 1998")).isEqualTo(LocalDate.of(1998, 6, 12));
            assertThat(new DateCoercion("d MMMM yyyy", Locale.FRENCH).apply("12 juin 1998")).isEqualTo(LocalDate.of(1998, 6, 12));
            assertThatThrownBy(() -> new DateCoercion("d MMMM yyyy", Locale.ENGLISH).apply("12 juin 1998"))
                    .isInstanceOf(InvalidValueException.class);
            assertThat(new TimestampCoercion("d MMM yyyy HH:mm", ZoneOffset.UTC, Locale.GERMAN).apply("3 März 2024 10:15"))
                    .isEqualTo(Instant.parse("2024-03-03T10:15:00Z"));
        }
    }

    @Nested
    class Timestamps {
        @Test
        void takesOffsetsAsWritten() throws Exception {
            Coercion iso = Coercions.forType("timestamp");
            assertThat(iso.apply("2024-03-01T10:15:30Z")).isEqualTo(Instant.parse("2024-03-01T10:15:30Z"));
            assertThat(iso.apply("2024-03-01T10:15:30+02:00")).isEqualTo(Instant.parse("2024-03-01T08:15:30Z"));
            assertThat(iso.apply("2024-03-01T10:15:30.5+09:00[Asia/Tokyo]")).isEqualTo(Instant.parse("2024-03-01T01:15:30.5Z"));
        }

        @Test
        void readsTimestampsWithoutOffsetInTheConfiguredZone() throws Exception {
            assertThat(Coercions.forType("timestamp").apply("2024-03-01T10:15:30")).isEqualTo(Instant.parse("2024-03-01T10:15:30Z"));
            Coercion tokyo = new TimestampCoercion(null, ZoneId.of("Asia/Tokyo"));
            assertThat(tokyo.apply("2024-03-01T10:15:30")).isEqualTo(Instant.parse("2024-03-01T01:15:30Z"));
            assertThat(tokyo.apply("2024-03-01T10:15:30Z")).isEqualTo(Instant.parse("2024-03-01T10:15:30Z"));
            Coercion fixed = new TimestampCoercion("dd/MM/yyyy HH:mm", ZoneOffset.ofHours(-5));
            assertThat(fixed.apply("01/03/2024 10:15")).isEqualTo(Instant.parse("2024-03-01T15:15:00Z"));
            assertThat(fixed.apply(LocalDateTime.of(2024, 3, 1, 10, 15))).isEqualTo(Instant.parse("2024-03-01T15:15:00Z"));
        }

        @Test
        void patternsWithAnOffsetFieldUseTheWrittenOffset() throws Exception {
            Coercion withOffset = new TimestampCoercion("yyyy-MM-dd HH:mm:ss XXX", ZoneId.of("Asia/Tokyo"));
            assertThat(withOffset.apply("2024-03-01 10:00:00 +01:00")).isEqualTo(Instant.parse("2024-03-01T09:00:00Z"));
        }

        @Test
        void refusesWallClockTimesSkippedByDaylightSaving() throws Exception {
            Coercion berlin = new TimestampCoercion(null, ZoneId.of("Europe/Berlin"));
            assertThatThrownBy(() -> berlin.apply("2024-03-31T02:30:00"))
                    .hasMessageContaining("does not exist in Europe/Berlin");
            assertThat(berlin.apply("2024-10-27T02:30:00")).isEqualTo(Instant.parse("2024-10-27T00:30:00Z"));
        }

        @Test
        void refusesMalformedTimestamps() {
            Coercion iso = Coercions.forType("timestamp");
            assertThatThrownBy(() -> iso.apply("2024-03-01 10:15")).hasMessageStartingWith(
                    "cannot coerce \"2024-03-01 10:15\" to timestamp in Z: could not be parsed at index 10");
            assertThatThrownBy(() -> iso.apply("2024-13-01T00:00:00Z")).hasMessageContaining("MonthOfYear");
            assertThatThrownBy(() -> iso.apply(12L)).hasMessageContaining("expected text");
        }
    }
}

package io.conveyor.pipeline.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronSyntaxTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 0 * * 8         | day-of-week field '8': value out of range 0-7 (position 9)",
            "60 * * * *        | minute field '60': value out of range 0-59 (position 1)",
            "0 24 * * *        | hour field '24': value out of range 0-23 (position 3)",
            "0 0 1-40 * *      | day-of-month field '40': value out of range 1-31 (position 7)",
            "0 0 0 * *         | day-of-month field '0': value out of range 1-31 (position 5)",
            "0 0 * 13 *        | month field '13': value out of range 1-12 (position 7)",
            "0 0 * FOO *       | month field 'FOO': not a number or name (position 7)",
            "0 0 * * MON-      | day-of-week field '': not a number or name (position 13)",
            "x * * * *         | minute field 'x': not a number (position 1)",
            "*/0 * * * *       | minute field '0': step must be a positive number (position 3)",
            "*/x * * * *       | minute field 'x': step must be a positive number (position 3)",
            "0 0 * * 5-1       | day-of-week field '5-1': range start is after range end (position 9)",
            "1,,2 * * * *      | minute field '': empty list element (position 3)",
            "0 0 * *           | expression '0 0 * *': expected 5 fields (minute hour day-of-month month day-of-week) or a macro, found 4 (position 1)",
            "0 0 * * * *       | expression '0 0 * * * *': expected 5 fields (minute hour day-of-month month day-of-week) or a macro, found 6 (position 1)",
            "@reboot           | expression '@reboot': unknown macro (expected one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly) (position 1)",
            "0 0 30 2 *        | day-of-month field '30': never matches, none of the selected months has that day (position 5)",
            "0 0 31 4,6,9,11 * | day-of-month field '31': never matches, none of the selected months has that day (position 5)"})
    void refusesWithFieldTokenAndPosition(String expression, String message) {
        assertThatThrownBy(() -> CronSchedule.parse(expression))
                .isInstanceOf(CronSyntaxException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''", "'   '"})
    void refusesAnEmptyExpression(String expression) {
        assertThatThrownBy(() -> CronSchedule.parse(expression))
                .isInstanceOf(CronSyntaxException.class)
                .hasMessageContaining("found 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 30 2 MON", "0 0 30 2,3 *", "0 0 29 2 *"})
    void acceptsDaysThatExistInSomeSelectedMonthOrAreRescuedByTheWeekday(String expression) {
        assertThat(CronSchedule.parse(expression).expression()).isEqualTo(expression);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0 0 * * 8 | day-of-week field | 8 | 9 | value out of range 0-7"})
    void exposesTheDetailsSeparately(String expression, String field, String token, int position, String reason) {
        assertThatThrownBy(() -> CronSchedule.parse(expression))
                .isInstanceOfSatisfying(CronSyntaxException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.token()).isEqualTo(token);
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.reason()).isEqualTo(reason);
                });
    }
}

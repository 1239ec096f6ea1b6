package io.conveyor.pipeline.cron;

import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** Turns the text of a cron expression into a {@link CronPattern}, or explains precisely why not. */
final class CronParser {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private static final String EXPRESSION = "expression";
    private static final String MACRO_NAMES = "@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly";

    private CronParser() {
    }

    private record Token(String text, int position) {

        Token slice(int from, int to) {
            return new Token(text.substring(from, to), position + from);
        }

        Token slice(int from) {
            return slice(from, text.length());
        }

        boolean isWildcard() {
            return text.startsWith("*");
        }
    }

    static CronPattern parse(String expression) {
        List<Token> fields = split(expression);
        if (fields.size() == 1 && fields.get(0).text().startsWith("@")) {
            return parse(expandMacro(fields.get(0)));
        }
        if (fields.size() != CronField.values().length) {
            throw new CronSyntaxException(EXPRESSION, expression.strip(), fields.isEmpty() ? 1 : fields.get(0).position(),
                    "expected 5 fields (minute hour day-of-month month day-of-week) or a macro, found "
                            + fields.size());
        }
        return toPattern(fields);
    }

    private static CronPattern toPattern(List<Token> fields) {
        Token dayOfMonth = fields.get(2);
        Token dayOfWeek = fields.get(4);
        long months = parseField(CronField.MONTH, fields.get(3));
        long days = parseField(CronField.DAY_OF_MONTH, dayOfMonth);
        boolean eitherDay = !dayOfMonth.isWildcard() && !dayOfWeek.isWildcard();
        if (!eitherDay && !dayOfMonth.isWildcard()) {
            requireSomeMonthHasDay(days, months, dayOfMonth);
        }
        return new CronPattern(
                parseField(CronField.MINUTE, fields.get(0)),
                parseField(CronField.HOUR, fields.get(1)),
                days,
                months,
                sundayAsZero(parseField(CronField.DAY_OF_WEEK, dayOfWeek)),
                eitherDay,
                fields.get(0).isWildcard() || fields.get(1).isWildcard());
    }

    private static String expandMacro(Token macro) {
        String expansion = MACROS.get(macro.text().toLowerCase(Locale.ROOT));
        if (expansion == null) {
            throw new CronSyntaxException(EXPRESSION, macro.text(), macro.position(),
                    "unknown macro (expected one of " + MACRO_NAMES + ")");
        }
        return expansion;
    }

    private static List<Token> split(String expression) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < expression.length()) {
            if (Character.isWhitespace(expression.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < expression.length() && !Character.isWhitespace(expression.charAt(i))) {
                i++;
            }
            tokens.add(new Token(expression.substring(start, i), start + 1));
        }
        return tokens;
    }

    private static long parseField(CronField field, Token text) {
        long mask = 0;
        int start = 0;
        for (int comma = text.text().indexOf(','); ; comma = text.text().indexOf(',', start)) {
            int end = comma < 0 ? text.text().length() : comma;
            mask |= parseItem(field, text.slice(start, end));
            if (comma < 0) {
                return mask;
            }
            start = comma + 1;
        }
    }

    private static long parseItem(CronField field, Token item) {
        if (item.text().isEmpty()) {
            throw new CronSyntaxException(field.label(), item.text(), item.position(), "empty list element");
        }
        int slash = item.text().indexOf('/');
        Token range = slash < 0 ? item : item.slice(0, slash);
        int step = slash < 0 ? 1 : parseStep(field, item.slice(slash + 1));
        int dash = range.text().indexOf('-');
        int low;
        int high;
        if (range.text().equals("*")) {
            low = field.min();
            high = field.max();
        } else if (dash > 0) {
            low = parseValue(field, range.slice(0, dash));
            high = parseValue(field, range.slice(dash + 1));
            if (low > high) {
                throw new CronSyntaxException(field.label(), range.text(), range.position(),
                        "range start is after range end");
            }
        } else {
            low = parseValue(field, range);
            high = slash < 0 ? low : field.max();
        }
        long mask = 0;
        for (int value = low; value <= high; value += step) {
            mask |= 1L << value;
        }
        return mask;
    }

    private static int parseStep(CronField field, Token step) {
        OptionalInt value = number(step.text());
        if (value.isEmpty() || value.getAsInt() == 0) {
            throw new CronSyntaxException(field.label(), step.text(), step.position(), "step must be a positive number");
        }
        return value.getAsInt();
    }

    private static int parseValue(CronField field, Token token) {
        OptionalInt value = number(token.text());
        if (value.isEmpty() && field.hasNames()) {
            value = field.valueOfName(token.text());
        }
        if (value.isEmpty()) {
            throw new CronSyntaxException(field.label(), token.text(), token.position(),
                    field.hasNames() ? "not a number or name" : "not a number");
        }
        if (value.getAsInt() < field.min() || value.getAsInt() > field.max()) {
            throw new CronSyntaxException(field.label(), token.text(), token.position(),
                    "value out of range %d-%d".formatted(field.min(), field.max()));
        }
        return value.getAsInt();
    }

    private static OptionalInt number(String text) {
        boolean digits = !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        return digits ? OptionalInt.of(Integer.parseInt(text)) : OptionalInt.empty();
    }

    private static long sundayAsZero(long daysOfWeek) {
        long sunday = 1L << 7;
        return (daysOfWeek & sunday) == 0 ? daysOfWeek : (daysOfWeek & ~sunday) | 1L;
    }

    private static void requireSomeMonthHasDay(long days, long months, Token dayOfMonth) {
        int firstDay = Long.numberOfTrailingZeros(days);
        for (Month month : Month.values()) {
            if ((months & (1L << month.getValue())) != 0 && firstDay <= month.maxLength()) {
                return;
            }
        }
        throw new CronSyntaxException(CronField.DAY_OF_MONTH.label(), dayOfMonth.text(), dayOfMonth.position(),
                "never matches, none of the selected months has that day");
    }
}

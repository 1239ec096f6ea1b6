package io.conveyor.transformer.cleanse;

import io.conveyor.transformer.row.Values;
import io.conveyor.transformer.rules.FieldFunction;
import io.conveyor.transformer.rules.InvalidValueException;
import java.util.Locale;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * Trims and lower-cases an e-mail address and refuses it unless Commons Validator accepts its
 * syntax. The whole address is lower-cased: the local part is case-sensitive in theory only, and
 * one spelling per mailbox is what deduplication and joins need.
 */
public final class EmailNormaliser implements FieldFunction {

    private static final EmailValidator VALIDATOR = EmailValidator.getInstance(false, false);

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Object apply(Object value) throws InvalidValueException {
        if (!(value instanceof CharSequence text)) {
            throw new InvalidValueException("expected an e-mail address as text, got " + Values.quote(value));
        }
        String address = text.toString().strip().toLowerCase(Locale.ROOT);
        if (!VALIDATOR.isValid(address)) {
            throw new InvalidValueException(Values.quote(value) + " is not a valid e-mail address");
        }
        return address;
    }
}

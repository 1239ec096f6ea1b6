package io.conveyor.transformer.cleanse;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.conveyor.pipeline.spec.rule.PhoneFormat;
import io.conveyor.transformer.row.Values;
import io.conveyor.transformer.rules.FieldFunction;
import io.conveyor.transformer.rules.InvalidValueException;
import java.util.Locale;

/**
 * Parses a phone number with libphonenumber and writes it in one {@link PhoneFormat}. Numbers
 * without a country code are read as numbers of the default region. Unparsable numbers and
 * numbers that cannot exist in their region (wrong length, unassigned prefix) are refused.
 */
public final class PhoneNormaliser implements FieldFunction {

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();
    private static final String NO_REGION = "ZZ";

    private final String defaultRegion;
    private final PhoneNumberFormat format;

    /**
     * @param defaultRegion ISO 3166 region code such as "US" or "DE" for numbers written without
     *                      country code, or null to accept only numbers with one
     */
    public PhoneNormaliser(String defaultRegion, PhoneFormat format) {
        this.defaultRegion = defaultRegion == null ? NO_REGION : defaultRegion.toUpperCase(Locale.ROOT);
        if (defaultRegion != null && !PHONE_NUMBERS.getSupportedRegions().contains(this.defaultRegion)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion + "'; expected an ISO 3166 code such as US or DE");
        }
        this.format = switch (format) {
            case E164 -> PhoneNumberFormat.E164;
            case INTERNATIONAL -> PhoneNumberFormat.INTERNATIONAL;
            case NATIONAL -> PhoneNumberFormat.NATIONAL;
        };
    }

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public Object apply(Object value) throws InvalidValueException {
        if (!(value instanceof CharSequence text)) {
            throw new InvalidValueException("expected a phone number as text, got " + Values.quote(value));
        }
        PhoneNumber number;
        try {
            number = PHONE_NUMBERS.parse(text, defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidValueException(Values.quote(value) + " is not a phone number: " + e.getMessage(), e);
        }
        if (!PHONE_NUMBERS.isValidNumber(number)) {
            throw new InvalidValueException(Values.quote(value) + " is not a valid phone number"
                    + (NO_REGION.equals(defaultRegion) ? "" : " (default region " + defaultRegion + ")"));
        }
        return PHONE_NUMBERS.format(number, format);
    }
}

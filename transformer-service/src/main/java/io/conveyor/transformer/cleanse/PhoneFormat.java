package io.conveyor.transformer.cleanse;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

/** How a normalised phone number is written. */
public enum PhoneFormat {
    /** "+14155552671": the canonical form for storage and matching. */
    E164(PhoneNumberFormat.E164),
    /** "+1 415-555-2671". */
    INTERNATIONAL(PhoneNumberFormat.INTERNATIONAL),
    /** "(415) 555-2671", as dialled within the number's country. */
    NATIONAL(PhoneNumberFormat.NATIONAL);

    final PhoneNumberFormat libraryFormat;

    PhoneFormat(PhoneNumberFormat libraryFormat) {
        this.libraryFormat = libraryFormat;
    }
}

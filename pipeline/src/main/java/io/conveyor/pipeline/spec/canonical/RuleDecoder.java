package io.conveyor.pipeline.spec.canonical;

import io.conveyor.pipeline.spec.rule.CoercionType;
import io.conveyor.pipeline.spec.rule.DuplicateKeep;
import io.conveyor.pipeline.spec.rule.FieldSelection;
import io.conveyor.pipeline.spec.rule.LetterCase;
import io.conveyor.pipeline.spec.rule.PhoneFormat;
import io.conveyor.pipeline.spec.rule.RuleSpec;
import io.conveyor.pipeline.spec.rule.RangeBounds;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/** Rules of transform tasks, with their field selections and coercion types. */
final class RuleDecoder {

    private static final Variants<RuleSpec> RULES = new Variants<RuleSpec>()
            .with(RuleSpec.Rename.class, object -> object.build(() -> new RuleSpec.Rename(
                    object.required("from").text(), object.required("to").text())))
            .with(RuleSpec.Drop.class, object -> object.build(() -> new RuleSpec.Drop(object.required("fields").texts())))
            .with(RuleSpec.Derive.class, object -> object.build(() -> new RuleSpec.Derive(
                    object.required("field").text(), object.required("expression").text())))
            .with(RuleSpec.Coerce.class, RuleDecoder::coerce)
            .with(RuleSpec.Trim.class, object -> object.build(() -> new RuleSpec.Trim(fields(object))))
            .with(RuleSpec.Case.class, object -> object.build(() -> new RuleSpec.Case(
                    fields(object), object.required("to").constant(LetterCase.class))))
            .with(RuleSpec.CollapseSpaces.class, object -> object.build(() -> new RuleSpec.CollapseSpaces(fields(object))))
            .with(RuleSpec.NullTokens.class, object -> object.build(() -> new RuleSpec.NullTokens(
                    fields(object), object.required("tokens").texts())))
            .with(RuleSpec.Default.class, object -> object.build(() -> new RuleSpec.Default(
                    object.required("field").text(), object.required("value").text())))
            .with(RuleSpec.Email.class, object -> object.build(() -> new RuleSpec.Email(object.required("field").text())))
            .with(RuleSpec.Phone.class, object -> object.build(() -> new RuleSpec.Phone(object.required("field").text(),
                    object.required("region").text(), object.required("format").constant(PhoneFormat.class))))
            .with(RuleSpec.Required.class, object -> object.build(() -> new RuleSpec.Required(object.required("fields").texts())))
            .with(RuleSpec.Regex.class, object -> object.build(() -> new RuleSpec.Regex(
                    object.required("field").text(), object.required("pattern").text())))
            .with(RuleSpec.Range.class, object -> object.build(() -> new RuleSpec.Range(object.required("field").text(),
                    RuleDecoder.BOUNDS.read(object.required("bounds")))))
            .with(RuleSpec.Allowed.class, object -> object.build(() -> new RuleSpec.Allowed(
                    object.required("field").text(), object.required("values").texts(),
                    object.required("ignoreCase").flag())))
            .with(RuleSpec.Filter.class, object -> object.build(() -> new RuleSpec.Filter(object.required("drop").text())))
            .with(RuleSpec.Length.class, object -> object.build(() -> new RuleSpec.Length(object.required("field").text(),
                    object.optional("min").map(JsonValue::integer), object.optional("max").map(JsonValue::integer))))
            .with(RuleSpec.Dedupe.class, object -> object.build(() -> new RuleSpec.Dedupe(
                    object.required("key").texts(), object.required("keep").constant(DuplicateKeep.class))))
            .with(RuleSpec.Custom.class, object -> object.build(() -> new RuleSpec.Custom(
                    object.required("className").text(), object.required("config").textMap())));

    private static final Variants<RangeBounds> BOUNDS = new Variants<RangeBounds>()
            .with(RangeBounds.Numbers.class, object -> object.build(() -> new RangeBounds.Numbers(
                    object.optional("min").map(JsonValue::decimal), object.optional("max").map(JsonValue::decimal))))
            .with(RangeBounds.Dates.class, object -> object.build(() -> new RangeBounds.Dates(
                    object.optional("min").map(min -> min.parsed("date", LocalDate::parse)),
                    object.optional("max").map(max -> max.parsed("date", LocalDate::parse)))))
            .with(RangeBounds.Timestamps.class, object -> object.build(() -> new RangeBounds.Timestamps(
                    object.optional("min").map(min -> min.parsed("instant", Instant::parse)),
                    object.optional("max").map(max -> max.parsed("instant", Instant::parse)))));

    private static final Variants<FieldSelection> SELECTIONS = new Variants<FieldSelection>()
            .with(FieldSelection.All.class, object -> object.build(FieldSelection.All::new))
            .with(FieldSelection.Named.class, object -> object.build(() -> new FieldSelection.Named(object.required("names").texts())));

    /** Only the record variants; the basic types are enum constants, written as plain strings. */
    private static final Variants<CoercionType> COERCION_RECORDS = new Variants<CoercionType>()
            .with(CoercionType.Decimal.class, object -> object.build(() -> new CoercionType.Decimal(
                    object.required("precision").integer(), object.required("scale").integer())));

    private RuleDecoder() {
    }

    static RuleSpec rule(JsonValue value) {
        return RULES.read(value);
    }

    private static RuleSpec.Coerce coerce(JsonObject object) {
        return object.build(() -> new RuleSpec.Coerce(object.required("field").text(), coercionType(object.required("type")),
                object.optional("format").map(JsonValue::text),
                object.optional("zone").map(zone -> zone.parsed("zone id", ZoneId::of)),
                object.optional("locale").map(locale -> locale.parsed("language tag", Locale::forLanguageTag))));
    }

    private static CoercionType coercionType(JsonValue value) {
        return value.isText() ? value.constant(CoercionType.Basic.class) : COERCION_RECORDS.read(value);
    }

    private static FieldSelection fields(JsonObject rule) {
        return SELECTIONS.read(rule.required("fields"));
    }
}

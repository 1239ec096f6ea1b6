/**
 * The transformer's rule engine: a {@link io.conveyor.transformer.rules.RuleChain} runs an
 * ordered list of {@link io.conveyor.transformer.rules.Rule}s over a
 * {@link io.conveyor.transformer.row.Row} read from the extracted Avro record, then builds the
 * output record with {@link io.conveyor.transformer.schema.SchemaEnforcer}. Each rule returns a
 * {@link io.conveyor.transformer.rules.Verdict}; the chain turns the first one that is not
 * "keep" into the record's {@link io.conveyor.transformer.rules.Outcome}.
 *
 * <p>Per-value rules (coercion, cleansing, most validation) are
 * {@link io.conveyor.transformer.rules.FieldFunction}s applied by a
 * {@link io.conveyor.transformer.rules.FieldRule} to named fields or to all fields; whole-row
 * rules (rename, drop, derive, default, required, dedupe, custom transforms) implement
 * {@link io.conveyor.transformer.rules.Rule} directly. Everything here is plain Java: no Kafka,
 * no framework.
 */
package io.conveyor.transformer.rules;

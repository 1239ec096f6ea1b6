/** The declarative transform rules: one record per rule in {@link io.conveyor.pipeline.spec.rule.RuleSpec}. */
package io.conveyor.pipeline.spec.rule;

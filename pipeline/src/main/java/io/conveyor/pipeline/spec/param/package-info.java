/** Run parameters and their substitution into the task settings that accept {@code ${name}} templates. */
package io.conveyor.pipeline.spec.param;

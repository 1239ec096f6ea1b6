package io.conveyor.dataplane;

/** Why a record goes to the dead-letter topic: the rule or check, the field, and what was wrong. */
public record RejectReason(String rule, String field, String message, String exceptionClass) {
}

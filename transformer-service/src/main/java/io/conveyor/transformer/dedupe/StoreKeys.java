package io.conveyor.transformer.dedupe;

/**
 * Unambiguous text keys: every part is length-prefixed, so no value can imitate a separator and
 * the keys of one run all start with {@link #runPrefix(String)}, whatever the run id.
 */
final class StoreKeys {

    private StoreKeys() {
    }

    static String runPrefix(String runId) {
        return part(runId);
    }

    static String part(String text) {
        return text.length() + ":" + text;
    }
}

package io.conveyor.pipeline.spec.fields;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How the source's column names become Avro field names (the extractor's records and every rule's
 * view of them): each character other than an ASCII letter, digit or {@code _} becomes {@code _}, a
 * name that is empty or starts with a digit gets a leading {@code _}, and a name that comes out like
 * an earlier one gets {@code _2}, {@code _3}, ... The source's own spelling stays in the field
 * property {@link #ORIGINAL_NAME}, so rules may use either.
 */
public final class AvroFieldNames {

    /** The field property that keeps a column's name as the source spelled it. */
    public static final String ORIGINAL_NAME = "conveyor.originalName";

    private static final Pattern LEGAL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private AvroFieldNames() {
    }

    /** A legal Avro name: letters, digits and underscores, not starting with a digit. */
    public static String sanitise(String name) {
        StringBuilder legal = new StringBuilder(name.length() + 1);
        for (char c : name.toCharArray()) {
            legal.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        if (legal.length() == 0 || Character.isDigit(legal.charAt(0))) {
            legal.insert(0, '_');
        }
        return legal.toString();
    }

    /** Sanitised names, made distinct by numeric suffixes where two names sanitise alike. */
    public static List<String> distinct(List<String> names) {
        Set<String> taken = new HashSet<>();
        return names.stream().map(name -> {
            String base = sanitise(name);
            String candidate = base;
            for (int i = 2; !taken.add(candidate); i++) {
                candidate = base + "_" + i;
            }
            return candidate;
        }).collect(Collectors.toList());
    }

    public static boolean isLegal(String name) {
        return LEGAL.matcher(name).matches();
    }
}

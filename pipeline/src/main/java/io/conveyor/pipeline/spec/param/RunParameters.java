package io.conveyor.pipeline.spec.param;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A run's parameters (the pipeline's defaults overridden by the trigger's) and the one place
 * they are substituted into task settings: {@code ${name}} in a template becomes the value of
 * parameter {@code name}, and {@code $$} stands for a literal {@code $}. A template that names a
 * parameter the run lacks is refused rather than left half-resolved, so a run never reads a
 * file called {@code ${input}}.
 */
public record RunParameters(Map<String, String> values) {

    public RunParameters {
        values = Map.copyOf(Objects.requireNonNull(values, "values"));
    }

    /**
     * Expands {@code template}.
     *
     * @param field names the setting in error messages, e.g. {@code source.path}
     * @throws UnresolvedParameterException when the template names an absent parameter or is malformed
     */
    public String expand(String template, String field) {
        StringBuilder out = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 == template.length()) {
                out.append(c);
                i++;
            } else if (template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (template.charAt(i + 1) == '{') {
                i = appendParameter(template, i, field, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private int appendParameter(String template, int dollar, String field, StringBuilder out) {
        int close = template.indexOf('}', dollar + 2);
        if (close < 0) {
            throw new UnresolvedParameterException(field + ": '${' at position " + dollar + " of '" + template
                    + "' has no closing '}'");
        }
        String name = template.substring(dollar + 2, close);
        String value = values.get(name);
        if (value == null) {
            throw new UnresolvedParameterException(field + ": '" + template + "' uses parameter '" + name
                    + "', which this run does not have (parameters: " + new TreeMap<>(values).keySet() + ")");
        }
        out.append(value);
        return close + 1;
    }

    /**
     * The parameter names {@code template} refers to, in order of appearance; {@code $$} is a literal
     * dollar and an unclosed {@code ${} names nothing (expanding it fails).
     */
    public static Set<String> references(String template) {
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        while (i + 1 < template.length()) {
            if (template.charAt(i) != '$') {
                i++;
            } else if (template.charAt(i + 1) == '$') {
                i += 2;
            } else if (template.charAt(i + 1) == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    break;
                }
                names.add(template.substring(i + 2, close));
                i = close + 1;
            } else {
                i++;
            }
        }
        return names;
    }
}

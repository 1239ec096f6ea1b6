package io.conveyor.e2e.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dead-letter headers as the documentation lists them: the table of the "Dead letters" section
 * of docs/architecture.md, read from the file itself so that a test comparing the dead letters with
 * it fails as soon as the docs and the code disagree.
 */
public final class DocumentedHeaders {

    /** Where the table is: the only list of the headers. */
    public static final Path DOCS = Path.of("..", "docs", "architecture.md");
    private static final String SECTION = "## Dead letters";

    /** Whether every dead letter of a stage carries a header, only those whose reject has the value, or none. */
    public enum Presence { YES, IF_ANY, NO }

    /** One row of the table: the header and its presence per stage ({@code EXTRACT}, {@code TRANSFORM}, {@code LOAD}). */
    public record Header(String name, Map<String, Presence> byStage) {
    }

    private DocumentedHeaders() {
    }

    /** The rows of the table in the order the docs list them. */
    public static List<Header> read() throws IOException {
        return parse(Files.readAllLines(DOCS, StandardCharsets.UTF_8), DOCS.toString());
    }

    static List<Header> parse(List<String> lines, String file) {
        int section = lines.indexOf(SECTION);
        if (section < 0) {
            throw new IllegalStateException(file + ": no section '" + SECTION + "'");
        }
        int row = section + 1;
        while (row < lines.size() && !lines.get(row).startsWith("| header |")) {
            if (lines.get(row).startsWith("## ")) {
                throw new IllegalStateException(file + ":" + (row + 1) + ": section '" + SECTION + "' has no header table");
            }
            row++;
        }
        if (row == lines.size()) {
            throw new IllegalStateException(file + ": section '" + SECTION + "' has no header table");
        }
        List<String> stages = cells(lines.get(row)).subList(1, 4).stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
        if (!stages.equals(List.of("EXTRACT", "TRANSFORM", "LOAD"))) {
            throw new IllegalStateException(file + ":" + (row + 1) + ": expected the columns extract, transform, load, found " + stages);
        }
        List<Header> headers = new ArrayList<>();
        for (row = row + 2; row < lines.size() && lines.get(row).startsWith("|"); row++) {
            List<String> cells = cells(lines.get(row));
            String name = cells.get(0).replace("`", "");
            Map<String, Presence> byStage = new LinkedHashMap<>();
            for (int stage = 0; stage < stages.size(); stage++) {
                byStage.put(stages.get(stage), presence(cells.get(stage + 1), file + ":" + (row + 1) + ": " + name));
            }
            headers.add(new Header(name, byStage));
        }
        return headers;
    }

    private static Presence presence(String cell, String where) {
        return switch (cell) {
            case "yes" -> Presence.YES;
            case "if any" -> Presence.IF_ANY;
            case "no" -> Presence.NO;
            default -> throw new IllegalStateException(where + ": presence must be yes, if any or no, found '" + cell + "'");
        };
    }

    private static List<String> cells(String line) {
        String inner = line.strip().substring(1, line.strip().length() - 1);
        return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
    }
}

package io.conveyor.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of text inputs for fuzz tests: byte flips, deleted and duplicated lines, random
 * YAML tokens and aliases, truncation. The same seed gives the same mutants, so a failure reported
 * with its seed reproduces.
 */
public final class Mutations {

    private static final List<String> TOKENS = List.of(":", "- ", "[", "]", "{", "}", "&a ", "*a", "&b [*a, *a, *a]",
            "!!binary ", "!!str ", "? ", "|", ">", "'", "\"", "#", "~", "null", "\t", "\n", "---\n", "...\n", "%YAML 1.1\n",
            "<<: *a", "0x1F", "1e999", "-", ",", "\\u0000", "\u0000", "\uFEFF", "\r", "  ", "name:", "kind: transform",
            "schema: ", "type: ", "file: ../../etc/passwd", "dependsOn: [x]", "\u00e9", "\ud83d\ude00");

    private final Random random;

    public Mutations(long seed) {
        this.random = new Random(seed);
    }

    /** A seed for this run: {@code -Dconveyor.fuzz.seed} if set, else a fresh one. */
    public static long seed() {
        return Long.getLong("conveyor.fuzz.seed", System.nanoTime());
    }

    /** One to three mutations of {@code text}. */
    public String mutate(String text) {
        String mutant = text;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            mutant = once(mutant);
        }
        return mutant;
    }

    /** One to three byte-level mutations of {@code bytes}: flips, insertions, deletions, truncation. */
    public byte[] mutate(byte[] bytes) {
        byte[] mutant = bytes;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            mutant = onceBytes(mutant);
        }
        return mutant;
    }

    public Random random() {
        return random;
    }

    private String once(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int line = random.nextInt(lines.size());
        switch (random.nextInt(6)) {
            case 0 -> lines.remove(line);
            case 1 -> lines.add(line, lines.get(line));
            case 2 -> {
                String target = lines.get(line);
                int at = target.isEmpty() ? 0 : random.nextInt(target.length() + 1);
                lines.set(line, target.substring(0, at) + TOKENS.get(random.nextInt(TOKENS.size())) + target.substring(at));
            }
            case 3 -> lines.set(line, lines.get(random.nextInt(lines.size())));
            case 4 -> {
                return new String(onceBytes(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            }
            default -> {
                return text.substring(0, random.nextInt(text.length() + 1));
            }
        }
        return String.join("\n", lines);
    }

    private byte[] onceBytes(byte[] bytes) {
        if (bytes.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(4)) {
            case 0 -> {
                byte[] flipped = bytes.clone();
                flipped[at] ^= (byte) (1 << random.nextInt(8));
                return flipped;
            }
            case 1 -> {
                byte[] inserted = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, inserted, 0, at);
                inserted[at] = (byte) random.nextInt(256);
                System.arraycopy(bytes, at, inserted, at + 1, bytes.length - at);
                return inserted;
            }
            case 2 -> {
                byte[] deleted = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, deleted, 0, at);
                System.arraycopy(bytes, at + 1, deleted, at, bytes.length - at - 1);
                return deleted;
            }
            default -> {
                return Arrays.copyOf(bytes, at);
            }
        }
    }
}

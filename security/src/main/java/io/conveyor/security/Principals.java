package io.conveyor.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call a secured REST API (the scheduler's, the schema registry's): principals with a name,
 * a role and a secret, given as {@code name:role:secret} entries (the environment variable
 * CONVEYOR_SECURITY_USERS, comma-separated).
 * A secret is accepted as the HTTP basic password of its name, or alone as a bearer token, so it
 * must be unique. Only SHA-256 digests of the secrets are kept, compared in constant time, and no
 * message here ever contains a secret.
 */
public final class Principals {

    /** Shorter secrets are refused: they are API keys, not memorable passwords. */
    public static final int MIN_SECRET_LENGTH = 12;

    /** An authenticated caller: its name and the roles it is granted. */
    public record Principal(String name, List<String> roles) {
    }

    private record Entry(Principal principal, byte[] digest) {
    }

    private final Map<String, Entry> byName;

    private Principals(Map<String, Entry> byName) {
        this.byName = byName;
    }

    /**
     * @param key where the entries come from, named in errors (conveyor.security.users)
     * @throws IllegalArgumentException naming the entry by its position and name, never its secret
     */
    public static Principals parse(List<String> entries, String key) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        List<byte[]> digests = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            String[] parts = entry.split(":", 3);
            String where = key + "[" + i + "]";
            if (parts.length != 3 || parts[0].isBlank()) {
                throw new IllegalArgumentException(where + " is not name:role:secret");
            }
            String name = parts[0].strip();
            where = where + " (" + name + ")";
            List<String> roles;
            try {
                roles = Roles.grantedTo(parts[1].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            if (parts[2].length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException(where + ": the secret has fewer than " + MIN_SECRET_LENGTH + " characters");
            }
            byte[] digest = sha256(parts[2]);
            if (byName.containsKey(name)) {
                throw new IllegalArgumentException(where + ": the name is given twice");
            }
            if (digests.stream().anyMatch(other -> MessageDigest.isEqual(other, digest))) {
                throw new IllegalArgumentException(where + ": the secret is another principal's too; as a bearer token it must be unique");
            }
            digests.add(digest);
            byName.put(name, new Entry(new Principal(name, roles), digest));
        }
        return new Principals(Map.copyOf(byName));
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** HTTP basic: the principal of that name if the password is its secret. */
    public Optional<Principal> byPassword(String name, String password) {
        Entry entry = byName.get(name);
        byte[] digest = sha256(password);
        return entry != null && MessageDigest.isEqual(entry.digest(), digest) ? Optional.of(entry.principal()) : Optional.empty();
    }

    /** A bearer token: the principal whose secret it is. */
    public Optional<Principal> byToken(String token) {
        byte[] digest = sha256(token);
        Principal found = null;
        for (Entry entry : byName.values()) {
            // Every entry is compared, so the time taken does not tell which one matched.
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                found = entry.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}

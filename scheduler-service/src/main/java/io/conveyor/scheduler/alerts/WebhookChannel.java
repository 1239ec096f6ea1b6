package io.conveyor.scheduler.alerts;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A webhook an operator defined for alerts: pipelines name it in {@code alerts.channels}, never its
 * URL. The URL often holds a secret (a Slack webhook's path is its token), so {@link #toString()} and
 * every refusal leave it out.
 *
 * @param format the body sent: generic JSON, or Slack's incoming-webhook message
 */
public record WebhookChannel(String name, Format format, URI url) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** The body a channel is sent. */
    public enum Format { JSON, SLACK }

    public WebhookChannel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(url, "url");
    }

    /**
     * Parses {@code name:format:url} entries ({@code ops:json:https://alerts.example/hook}); the URL may
     * hold colons, the name and format may not.
     *
     * @param key the configuration key the entries came from, named in refusals
     * @throws IllegalArgumentException naming the entry by position and name, never its URL
     */
    public static List<WebhookChannel> parse(List<String> entries, String key) {
        List<WebhookChannel> channels = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split(":", 3);
            String name = parts[0];
            String where = key + "[" + i + "]" + (NAME.matcher(name).matches() ? " (" + name + ")" : "");
            if (parts.length < 3 || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ": expected name:format:url, the name lower-case letters, digits,"
                        + " '_' and '-' (such as ops:json:https://alerts.example/hook)");
            }
            Format format;
            try {
                format = Format.valueOf(parts[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": unknown format '" + parts[1] + "'; it is json or slack");
            }
            URI url;
            try {
                url = URI.create(parts[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": the URL is not a valid URI");
            }
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException(where + ": the URL must be an absolute http or https URL");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(where + ": a channel of that name is defined twice");
            }
            channels.add(new WebhookChannel(name, format, url));
        }
        return List.copyOf(channels);
    }

    @Override
    public String toString() {
        return name + " (" + format.name().toLowerCase(Locale.ROOT) + ")";
    }
}

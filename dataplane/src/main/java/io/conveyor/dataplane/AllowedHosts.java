package io.conveyor.dataplane;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hosts a service connects to for pipelines (JDBC databases, HTTP sources). Without a list a
 * pipeline may name any host, so that a worker's network position (and the secrets it holds) serve
 * whoever deploys: configured, every other host is refused.
 *
 * @param hosts      host names or addresses, compared ignoring case; {@code *.example.com} allows
 *                   the sub-domains of example.com; none allows every host
 * @param settingKey the configuration key of the list, named in refusals
 */
public record AllowedHosts(List<String> hosts, String settingKey) {

    /** {@code jdbc:<subprotocol>://host[:port]...}, the form of PostgreSQL, MySQL, SQL Server... URLs. */
    private static final Pattern JDBC_HOST = Pattern.compile("(?i)jdbc:[a-z0-9:]+://\\[?([^/:?;\\]]+)");

    public AllowedHosts {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(settingKey, "settingKey");
    }

    public static AllowedHosts of(List<String> hosts, String settingKey) {
        return new AllowedHosts(hosts == null ? List.of() : hosts.stream().map(String::trim).filter(host -> !host.isEmpty())
                .map(host -> host.toLowerCase(Locale.ROOT)).toList(), settingKey);
    }

    /** @throws IllegalArgumentException naming the host (or the URL whose host cannot be told) and the list */
    public void checkUrl(String what, String url) {
        if (hosts.isEmpty()) {
            return;
        }
        Optional<String> host = host(url);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("%s %s names no host this service can check against %s (%s)"
                    .formatted(what, url, hosts, settingKey));
        }
        String name = host.get().toLowerCase(Locale.ROOT);
        boolean allowed = hosts.stream().anyMatch(entry -> entry.startsWith("*.")
                ? name.endsWith(entry.substring(1)) : name.equals(entry));
        if (!allowed) {
            throw new IllegalArgumentException("%s host %s is not an allowed host %s (%s)".formatted(what, name, hosts, settingKey));
        }
    }

    private static Optional<String> host(String url) {
        if (url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            Matcher matcher = JDBC_HOST.matcher(url);
            return matcher.lookingAt() ? Optional.of(matcher.group(1)) : Optional.empty();
        }
        try {
            return Optional.ofNullable(URI.create(url).getHost());
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }
}

package io.conveyor.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The repository's docker-compose.yml as docker-compose itself resolves it ({@code docker-compose config}:
 * anchors, merge keys and {@code ${VARIABLE:-default}} substitution), with the given variables and nothing
 * else from this process's environment, so a developer's shell cannot change what a test runs.
 */
public final class ComposeFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, ComposeService> services;

    private ComposeFile(Map<String, ComposeService> services) {
        this.services = services;
    }

    /** The docker-compose binary: {@code -Dconveyor.docker-compose}, else {@code docker-compose} on the PATH. */
    public static String binary() {
        return System.getProperty("conveyor.docker-compose", "docker-compose");
    }

    /** Whether {@link #binary()} runs here. */
    public static boolean available() {
        try {
            Process version = new ProcessBuilder(binary(), "version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code docker-compose [--profile P]... -f docker-compose.yml config} in {@code projectDirectory}. */
    public static ComposeFile resolve(Path projectDirectory, Map<String, String> variables, String... profiles) {
        List<String> command = new ArrayList<>(List.of(binary()));
        for (String profile : profiles) {
            command.addAll(List.of("--profile", profile));
        }
        command.addAll(List.of("-f", "docker-compose.yml", "config"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(projectDirectory.toFile());
        String path = builder.environment().get("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path == null ? ContainerMounts.DEFAULT_PATH : path);
        builder.environment().putAll(variables);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed in " + projectDirectory + ":\n" + errors);
            }
            return parse(YAML.readTree(output));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + String.join(" ", command), e);
        }
    }

    private static ComposeFile parse(JsonNode resolved) {
        Map<String, ComposeService> services = new LinkedHashMap<>();
        resolved.path("services").fields().forEachRemaining(entry -> {
            JsonNode service = entry.getValue();
            Map<String, String> environment = new LinkedHashMap<>();
            service.path("environment").fields().forEachRemaining(variable -> environment.put(variable.getKey(),
                    variable.getValue().isNull() ? "" : variable.getValue().asText()));
            List<ComposeService.Volume> volumes = new ArrayList<>();
            for (JsonNode volume : service.path("volumes")) {
                volumes.add(ComposeService.Volume.parse(entry.getKey(), volume.asText()));
            }
            List<String> entrypoint = new ArrayList<>();
            service.path("entrypoint").forEach(part -> entrypoint.add(part.asText()));
            services.put(entry.getKey(), new ComposeService(entry.getKey(), service.path("image").asText(), environment,
                    volumes, entrypoint));
        });
        return new ComposeFile(services);
    }

    public Map<String, ComposeService> services() {
        return services;
    }

    public ComposeService service(String name) {
        ComposeService service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("docker-compose.yml has no service " + name + " (it has " + services.keySet() + ")");
        }
        return service;
    }

    /**
     * The {@code NAME=value} pairs of {@code service}'s environment that still name another service of the file
     * as a host ({@code kafka:9092}, {@code http://schema-registry:8081}), other than the {@code served} ones:
     * a process outside the compose network cannot reach them, so each such address belongs behind a variable.
     */
    public List<String> addressesOfOtherServices(ComposeService service, List<String> served) {
        List<String> found = new ArrayList<>();
        for (String other : services.keySet()) {
            if (served.contains(other)) {
                continue;
            }
            Pattern host = Pattern.compile("(^|[/@,=\\s])" + Pattern.quote(other) + ":\\d+");
            service.environment().forEach((name, value) -> {
                if (host.matcher(value).find()) {
                    found.add(name + "=" + value);
                }
            });
        }
        return found;
    }

    /** One service of the resolved file: what a container of it gets. */
    public record ComposeService(String name, String image, Map<String, String> environment, List<Volume> volumes,
                                 List<String> entrypoint) {

        public ComposeService {
            environment = Map.copyOf(environment);
            volumes = List.copyOf(volumes);
            entrypoint = List.copyOf(entrypoint);
        }

        /** {@code source:target[:mode]}: a named volume (source without a slash) or a bind mount of a host path. */
        public record Volume(String source, String target, boolean readOnly) {

            static Volume parse(String service, String spec) {
                String[] parts = spec.split(":");
                if (parts.length < 2 || parts.length > 3 || !parts[1].startsWith("/")) {
                    throw new IllegalArgumentException("volume '" + spec + "' of service " + service
                            + " is not source:/target[:mode]");
                }
                return new Volume(parts[0], parts[1], parts.length == 3 && parts[2].equals("ro"));
            }

            public boolean named() {
                return !source.startsWith("/");
            }
        }
    }
}

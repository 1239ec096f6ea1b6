package io.conveyor.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An image as {@code jib:buildTar} writes it ({@code docker save} format: manifest.json, the config JSON and
 * one tar per layer), unpacked into a directory so that its configuration and files can be checked the way a
 * container runtime reads them.
 */
record ImageTarball(Path dir, List<String> repoTags, JsonNode config, List<Path> layers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The device files a container runtime puts into /dev (and {@link ImageProcess} binds from the host). */
    static final List<String> DEVICES = List.of("null", "zero", "random", "urandom");

    static ImageTarball unpack(Path tarball, Path into) throws IOException {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("no image tarball " + tarball + ": build it with mvn package -Pimages");
        }
        Commands.deleteRecursively(into);
        Files.createDirectories(into);
        Commands.run("tar", "-xf", tarball.toString(), "-C", into.toString());
        JsonNode manifest = JSON.readTree(into.resolve("manifest.json").toFile());
        if (manifest.size() != 1) {
            throw new IllegalStateException(tarball + ": manifest.json should describe one image, has " + manifest.size());
        }
        JsonNode image = manifest.get(0);
        List<String> tags = texts(image.path("RepoTags"));
        List<Path> layers = texts(image.path("Layers")).stream().map(into::resolve).toList();
        JsonNode config = JSON.readTree(into.resolve(image.path("Config").asText()).toFile());
        return new ImageTarball(into, tags, config, layers);
    }

    List<String> entrypoint() {
        return texts(config.path("config").path("Entrypoint"));
    }

    List<String> cmd() {
        return texts(config.path("config").path("Cmd"));
    }

    String user() {
        return config.path("config").path("User").asText();
    }

    List<String> env() {
        return texts(config.path("config").path("Env"));
    }

    Set<String> exposedPorts() {
        Set<String> ports = new LinkedHashSet<>();
        config.path("config").path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        return ports;
    }

    /** Every path of every layer, without the leading {@code ./} or {@code /}. */
    Set<String> files() throws IOException {
        Set<String> files = new LinkedHashSet<>();
        for (Path layer : layers) {
            for (String line : Commands.run("tar", "-tf", layer.toString()).split("\n")) {
                String path = line.startsWith("./") ? line.substring(2) : line.startsWith("/") ? line.substring(1) : line;
                if (!path.isEmpty()) {
                    files.add(path);
                }
            }
        }
        return files;
    }

    /** Applies the layers in order onto an empty directory: the container's root file system. */
    Path rootFilesystem(Path root) throws IOException {
        Commands.deleteRecursively(root);
        Files.createDirectories(root);
        for (Path layer : layers) {
            Commands.run("tar", "-xf", layer.toString(), "-C", root.toString());
        }
        // What a container runtime mounts over the image.
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("dev"));
        for (String device : DEVICES) {
            Files.createFile(root.resolve("dev").resolve(device));
        }
        return root;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            values.add(it.next().asText());
        }
        return values;
    }
}

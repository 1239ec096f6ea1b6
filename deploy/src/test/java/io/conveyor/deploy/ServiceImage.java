package io.conveyor.deploy;

import java.nio.file.Path;
import java.util.List;

/** One image of the images profile: the module that builds it, its name, HTTP port and main class. */
record ServiceImage(String module, String name, int port, String mainClass) {

    static final List<ServiceImage> ALL = List.of(
            new ServiceImage("scheduler-service", "scheduler", 8080, "io.conveyor.scheduler.SchedulerApplication"),
            new ServiceImage("extractor-service", "extractor", 8082, "io.conveyor.extractor.ExtractorApplication"),
            new ServiceImage("transformer-service", "transformer", 8083, "io.conveyor.transformer.TransformerApplication"),
            new ServiceImage("loader-service", "loader", 8084, "io.conveyor.loader.LoaderApplication"),
            new ServiceImage("schema-registry", "schema-registry", 8081, "io.conveyor.registry.http.SchemaRegistryApplication"));

    static ServiceImage named(String name) {
        return ALL.stream().filter(image -> image.name.equals(name)).findFirst().orElseThrow();
    }

    Path tarball() {
        return DeployPaths.project().resolve(module).resolve("target/jib-image.tar");
    }

    String tag() {
        return "conveyor/" + name + ":" + DeployPaths.projectVersion();
    }

    @Override
    public String toString() {
        return name;
    }
}

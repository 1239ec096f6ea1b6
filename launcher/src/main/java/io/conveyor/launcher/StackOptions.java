package io.conveyor.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the embedded stack listens and keeps its data; shared by every launcher command. */
final class StackOptions {

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka client port, 0 for a free one (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Schema Registry port, 0 for a free one (default ${DEFAULT-VALUE}).")
    int registryPort;

    /** Relative to the repository root by default; a directory given is relative to the caller's. */
    private static final Path DEFAULT_DATA_DIRECTORY = Path.of(".conveyor/data");

    @Option(names = "--data-dir", description = "Where data is kept between runs (default .conveyor/data in the repository).")
    Path dataDirectory;

    /**
     * The settings, and the log file named before anything logs: the console is for progress
     * and summaries, the services' own logs go to {@code <data dir>/conveyor.log}.
     */
    LauncherSettings settings() {
        Path data = dataDirectory == null ? DEFAULT_DATA_DIRECTORY.toAbsolutePath()
                : CallerDirectory.current().resolve(dataDirectory);
        System.setProperty("conveyor.log.file", data.resolve("conveyor.log").toString());
        return new LauncherSettings(kafkaPort, registryPort, data);
    }
}

package io.conveyor.launcher;

import java.nio.file.Path;

/**
 * @param kafkaPort     the broker's client port; 0 picks a free one
 * @param registryPort  the schema registry's HTTP port; 0 picks a free one
 * @param dataDirectory where the broker log, the tracker's state and the warehouse live between runs
 */
record LauncherSettings(int kafkaPort, int registryPort, Path dataDirectory) {

    Path warehouse() {
        return dataDirectory.resolve("warehouse.duckdb");
    }

    Path logFile() {
        return dataDirectory.resolve("conveyor.log");
    }
}

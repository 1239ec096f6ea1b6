package io.conveyor.loader.file;

import io.conveyor.pipeline.spec.sink.FileSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where one run's output goes and where it is staged. The sink's {@code path} names the output;
 * {@code {run}} in it stands for the run id (characters other than letters, digits, '.', '_' and
 * '-' become '_'), and a path without it is replaced by each run. Parts are staged in
 * {@code <dir>/.conveyor-staging/<file name>.<run>/}, next to the output so the final rename stays
 * on one file system: one part per run, input shard and batch, named by shard and first offset
 * ({@code 00001-00000000000000000042.part}) so that name order is (partition, offset) order, and
 * one {@code <shard>.done} marker per completed input shard.
 */
record RunFiles(Path target, Path staging) {

    static final String RUN_PLACEHOLDER = "{run}";
    private static final String PART = ".part";
    private static final String DONE = ".done";

    static RunFiles of(FileSink sink, String runId) {
        String run = runId.replaceAll("[^A-Za-z0-9._-]", "_");
        Path target = Path.of(sink.path().replace(RUN_PLACEHOLDER, run)).toAbsolutePath().normalize();
        Path staging = target.resolveSibling(".conveyor-staging").resolve(target.getFileName() + "." + run);
        return new RunFiles(target, staging);
    }

    Path part(int shard, long firstOffset) {
        return staging.resolve(String.format("%05d-%020d", shard, firstOffset) + PART);
    }

    Path marker(int shard) {
        return staging.resolve(String.format("%05d", shard) + DONE);
    }

    /** Where a part or marker is written before its atomic rename. */
    static Path inProgress(Path file) {
        return file.resolveSibling(file.getFileName() + ".inprogress");
    }

    /** A file beside the output that becomes the output by an atomic rename. */
    Path combining(String unique) {
        return target.resolveSibling("." + target.getFileName() + "." + unique + ".tmp");
    }

    /** All parts, in (shard, first offset) order. */
    List<Path> parts() throws IOException {
        return list(PART, "");
    }

    List<Path> markers() throws IOException {
        return list(DONE, "");
    }

    /** The parts, markers and unfinished files of one shard. */
    List<Path> shardFiles(int shard) throws IOException {
        return list("", String.format("%05d", shard));
    }

    static int shardOf(Path file) {
        return Integer.parseInt(file.getFileName().toString().substring(0, 5));
    }

    static boolean isPart(Path file) {
        return file.getFileName().toString().endsWith(PART);
    }

    static boolean isMarker(Path file) {
        return file.getFileName().toString().endsWith(DONE);
    }

    static long firstOffsetOf(Path part) {
        return Long.parseLong(part.getFileName().toString().substring(6, 26));
    }

    private List<Path> list(String suffix, String prefix) throws IOException {
        if (!Files.isDirectory(staging)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)
                            && file.getFileName().toString().startsWith(prefix))
                    .sorted().toList();
        }
    }
}

package io.conveyor.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the unified JVM GC log ({@code -Xlog:gc}) of a service process. */
public final class GcLogs {

    /** {@code 123M->45M(512M)}: heap used before and after a collection, and the committed heap. */
    private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private GcLogs() {
    }

    /** The most heap the instance used at any collection (the "before" side of the pauses), in MB, over all its starts. */
    public static long peakHeapMb(ServiceProcess process) {
        long peak = 0;
        for (Path log : process.gcLogs()) {
            try {
                for (String line : Files.readAllLines(log)) {
                    Matcher pause = PAUSE.matcher(line);
                    if (pause.find()) {
                        peak = Math.max(peak, Long.parseLong(pause.group(1)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the GC log " + log, e);
            }
        }
        return peak;
    }
}

package io.conveyor.scheduler.query;

import java.util.List;

/** A page of run history, newest first. */
public record RunPage(List<RunSummary> runs, int offset, int limit) {

    public RunPage {
        runs = List.copyOf(runs);
    }

    /** The page {@code offset, limit} of several pages that each start at 0 and hold at least offset + limit runs. */
    public static RunPage merge(List<RunPage> pages, int offset, int limit) {
        List<RunSummary> merged = pages.stream().flatMap(page -> page.runs().stream())
                .sorted(RunSummary.NEWEST_FIRST)
                .skip(offset)
                .limit(limit)
                .toList();
        return new RunPage(merged, offset, limit);
    }
}

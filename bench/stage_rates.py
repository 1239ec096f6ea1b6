#!/usr/bin/env python3
"""Per-stage rows/s of one run, from the progress lines bin/conveyor-local prints every 0.5 s.

usage: stage_rates.py CONVEYOR_OUTPUT

A line reads `   12.3s  RUNNING  extract running in 100,000 out ... | clean ... | load ...`. A task's
start is the first line that shows it past `ready` (running, or already ended), its end the first
line that shows it ended; its rows are the `in` count of its last line. The times are the
progress lines' own (0.5 s apart), so a stage's rate is good to about 0.5 s of its duration.
"""
import re
import sys

LINE = re.compile(r"^\s+([0-9.]+)s\s+\S+\s+(.*)$")
TASK = re.compile(r"^(\S+) (\S+)(?: in ([0-9,]+) out ([0-9,]+))?")
ENDED = {"succeeded", "failed", "skipped", "cancelled", "timed_out", "upstream_failed"}


def main():
    start, end, rows, order = {}, {}, {}, []
    for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
        m = LINE.match(line)
        if not m:
            continue
        at = float(m.group(1))
        for part in m.group(2).split(" | "):
            t = TASK.match(part.strip())
            if not t:
                continue
            task, state = t.group(1), t.group(2).lower()
            if task not in order:
                order.append(task)
            if state != "ready":
                start.setdefault(task, at)
            if state in ENDED:
                end.setdefault(task, at)
            if t.group(3):
                rows[task] = int(t.group(3).replace(",", ""))
    print("| task | started (s after trigger) | ended | rows in | rows/s while running |")
    print("|---|---:|---:|---:|---:|")
    for task in order:
        if task not in start or task not in end:
            print(f"| {task} | {start.get(task, '-')} | {end.get(task, '-')} | {rows.get(task, 0):,} | - |")
            continue
        took = max(end[task] - start[task], 0.5)
        print(f"| {task} | {start[task]:.1f} | {end[task]:.1f} | {rows.get(task, 0):,} | {rows.get(task, 0) / took:,.0f} |")


if __name__ == "__main__":
    main()

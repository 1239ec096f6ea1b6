#!/usr/bin/env python3
"""Per-stage CPU and allocation report from a JFR recording of bin/conveyor-local's example.

    python3 bench/profile_report.py [--stages] RECORDING.jfr ROWS

--stages prints the stage table only (what bench/run-end-to-end.sh shows from its light recording).

Reads the recording through the JDK's `jfr print --json` and attributes everything to a stage by
the name of the thread that did it (see STAGES). The run window is from the first CPU or sample of
the extractor's worker to the last of the loader's; CPU, samples and allocation of every thread
(the broker's too) are counted inside that window only, so the stack's start and the sample data
generation (thread "main") are left out.

Sources: jdk.ThreadCPULoad (CPU seconds per thread), jdk.CPULoad (the whole JVM, GC and JIT
included), jdk.ExecutionSample (hot methods; threads running Java code only), jdk.NativeMethodSample
(threads in native code, e.g. DuckDB's JNI), jdk.ThreadAllocationStatistics (bytes allocated per
thread, cumulative), jdk.ObjectAllocationSample (what is allocated where, weighted in bytes),
jdk.GarbageCollection.
"""
import collections
import json
import re
import subprocess
import sys
from datetime import datetime

# First match wins. Kafka client threads carry the client id, which names the service.
STAGES = [
    ("extract", r"^extractor-|extractor"),
    ("transform", r"^transform-|transformer"),
    ("load", r"^load-|loader"),
    ("registry", r"^follow-_schemas$|schema-registry"),
    ("scheduler", r"^conveyor-tracker|tracker|deployer|scheduler|^cron-ticker$|^run-metrics$|^alert-notifier$|^follow-conveyor\."),
    ("broker", r"^data-plane-kafka|^kafka-1-|^kafka-scheduler|^kafka-log-cleaner|^quorum-controller|^controller-1|^broker-1"
               r"|^TxnMarkerSender|^AddPartitionsToTxn|^group-metadata-manager|^transaction-log-manager|^ExpirationReaper"
               r"|^raft-|^executor-|^LogDirFailureHandler|^SensorExpiryThread|^client-metrics-reaper|ThrottledChannelReaper"),
    ("http/health/control feeds", r"^io-executor-thread|^default-eventLoopGroup|^HttpClient-|^control-plane-feed-|^health-"
               r"|^scheduled-executor|^metrics-meter|^micrometer|^kafka-admin-client-thread"),
    ("launcher main", r"^main$"),
    ("JIT compiler threads", r"CompilerThread"),
    ("JFR itself", r"^JFR "),
]
STAGE_NAMES = [s for s, _ in STAGES] + ["other Java threads"]

# Component of a stack: the innermost frame outside the JDK decides (a HashMap.put called by the
# transformer counts as the transformer's); stacks made of JDK frames only count as "JDK".
COMPONENTS = [
    ("io.conveyor.extractor", "conveyor extractor"),
    ("io.conveyor.transformer", "conveyor transformer"),
    ("io.conveyor.transform", "conveyor transform-api"),
    ("io.conveyor.loader", "conveyor loader"),
    ("io.conveyor.dataplane", "conveyor dataplane"),
    ("io.conveyor.serde", "conveyor serde"),
    ("io.conveyor.", "conveyor (other)"),
    ("org.apache.kafka.clients", "kafka clients"),
    ("org.apache.kafka.common", "kafka common (record batches, compression, network)"),
    ("org.apache.kafka.streams", "kafka streams"),
    ("kafka.", "kafka broker"),
    ("org.apache.kafka.", "kafka broker (server/storage/raft/coordinator)"),
    ("org.apache.avro", "avro"),
    ("org.duckdb", "duckdb (JNI)"),
    ("io.micronaut", "micronaut"),
    ("io.netty", "netty"),
    ("com.fasterxml", "jackson"),
    ("org.slf4j", "logging"),
    ("ch.qos.logback", "logging"),
    ("org.apache.logging", "logging"),
]
JDK = ("java.", "javax.", "jdk.", "sun.", "com.sun.")


def stage_of(name):
    for stage, pattern in STAGES:
        if name and re.search(pattern, name):
            return stage
    return "other Java threads"


def thread(values, key):
    t = values.get(key)
    if not t:
        return None, None
    return t.get("javaThreadId"), t.get("javaName") or t.get("osName")


def ts(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")[:26] + "+00:00" if "." in s else s.replace("Z", "+00:00")).timestamp()


def secs(d):  # ISO-8601 duration "PT0.004S"
    m = re.match(r"PT(?:(\d+)M)?([\d.]+)S", d)
    return (int(m.group(1) or 0) * 60 + float(m.group(2))) if m else 0.0


def frames(values):
    st = values.get("stackTrace")
    if not st:
        return []
    return [(f["method"]["type"]["name"].replace("/", "."), f["method"]["name"]) for f in st["frames"]]


def component(fs):
    for cls, _ in fs:
        if not cls.startswith(JDK):
            for prefix, name in COMPONENTS:
                if cls.startswith(prefix):
                    return name
            return cls.rsplit(".", 1)[0] if "." in cls else cls
    return "JDK"


def short(cls, method):
    return f"{cls.rsplit('.', 1)[-1]}.{method}" if cls.startswith(JDK) else f"{cls.replace('io.conveyor.', '')}.{method}"


def conveyor_frame(fs):
    for cls, m in fs:
        if cls.startswith("io.conveyor."):
            return short(cls, m)
    return "(no conveyor frame)"


def load(path):
    events = ("jdk.CPULoad,jdk.ThreadCPULoad,jdk.CPUInformation,jdk.GarbageCollection,jdk.GCHeapSummary,"
              "jdk.ObjectAllocationSample,jdk.NativeMethodSample,jdk.ExecutionSample,jdk.ThreadAllocationStatistics,"
              "jdk.ActiveRecording,jdk.GCConfiguration")
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "40", "--events", events, path],
                         check=True, capture_output=True).stdout
    return json.loads(out)["recording"]["events"]


def main():
    # --stages: the stage table only (a recording without execution samples, bench/stage-cpu.jfc).
    args = [a for a in sys.argv[1:] if a != "--stages"]
    stages_only = len(args) < len(sys.argv) - 1
    path, rows = args[0], int(args[1])
    ev = load(path)
    by = collections.defaultdict(list)
    for e in ev:
        e["t"] = ts(e["values"]["startTime"])
        by[e["type"]].append(e)
    ncpu = max((e["values"].get("hwThreads", 0) for e in by["jdk.CPUInformation"]), default=0) or 2

    # Run window: the extractor's worker's first activity to the loader's worker's last.
    def active(stage_prefix):
        times = [e["t"] for e in by["jdk.ExecutionSample"] if (thread(e["values"], "sampledThread")[1] or "").startswith(stage_prefix)]
        times += [e["t"] for e in by["jdk.ThreadCPULoad"]
                  if (thread(e["values"], "eventThread")[1] or "").startswith(stage_prefix)
                  and e["values"]["user"] + e["values"]["system"] > 0.005]
        return times
    ext, lod = active("extractor-worker"), active("load-")
    t0, t1 = min(ext), max(lod)
    window = t1 - t0
    inside = lambda e: t0 <= e["t"] <= t1

    # CPU seconds per thread from jdk.ThreadCPULoad: fractions of all cores over one period (JFR
    # evaluates every thread each period and leaves out the events of threads that used no CPU,
    # so the period, not the gap since a thread's previous event, is the interval).
    stamps = sorted({round(e["t"], 1) for e in by["jdk.ThreadCPULoad"]})
    gaps = sorted(b - a for a, b in zip(stamps, stamps[1:]))
    period = gaps[len(gaps) // 2] if gaps else 1.0
    cpu = collections.Counter()
    for e in by["jdk.ThreadCPULoad"]:
        tid, name = thread(e["values"], "eventThread")
        if inside(e):
            cpu[stage_of(name)] += (e["values"]["user"] + e["values"]["system"]) * ncpu * period
    jvm_cpu = 0.0
    machine = []
    prev = None
    for e in sorted(by["jdk.CPULoad"], key=lambda e: e["t"]):
        dt = (e["t"] - prev) if prev else 1.0
        prev = e["t"]
        if inside(e):
            jvm_cpu += (e["values"]["jvmUser"] + e["values"]["jvmSystem"]) * ncpu * dt
            machine.append(e["values"]["machineTotal"])
    java_cpu = sum(cpu.values())

    # Execution samples.
    samples = collections.defaultdict(list)
    for e in by["jdk.ExecutionSample"]:
        if inside(e):
            samples[stage_of(thread(e["values"], "sampledThread")[1])].append(frames(e["values"]))
    native = collections.defaultdict(list)
    for e in by["jdk.NativeMethodSample"]:
        if inside(e):
            native[stage_of(thread(e["values"], "sampledThread")[1])].append(frames(e["values"]))

    # Bytes allocated per thread inside the window (cumulative counter: last value in the window
    # minus the last value before it).
    before, at_end, names = {}, {}, {}
    for e in sorted(by["jdk.ThreadAllocationStatistics"], key=lambda e: e["t"]):
        tid, name = thread(e["values"], "thread")
        names[tid] = name
        if e["t"] < t0:
            before[tid] = e["values"]["allocated"]
        elif e["t"] <= t1 + 1.0:
            at_end[tid] = e["values"]["allocated"]
    alloc = collections.Counter()
    for tid, v in at_end.items():
        alloc[stage_of(names[tid])] += v - before.get(tid, 0)
    alloc_samples = collections.defaultdict(lambda: collections.Counter())
    alloc_sites = collections.defaultdict(lambda: collections.Counter())
    alloc_stacks = collections.defaultdict(lambda: collections.Counter())
    for e in by["jdk.ObjectAllocationSample"]:
        if inside(e):
            st = stage_of(thread(e["values"], "eventThread")[1])
            w = e["values"]["weight"]
            alloc_samples[st][e["values"]["objectClass"]["name"].replace("/", ".")] += w
            alloc_sites[st][conveyor_frame(frames(e["values"])) + " <- " + component(frames(e["values"]))] += w
            fs = frames(e["values"])
            alloc_stacks[st][e["values"]["objectClass"]["name"].rsplit("/", 1)[-1] + " @ "
                             + " < ".join(short(c, m) for c, m in fs[:6])] += w

    gcs = [e for e in by["jdk.GarbageCollection"] if inside(e)]
    gc_pause = sum(secs(e["values"]["sumOfPauses"]) for e in gcs)
    gc_longest = max((secs(e["values"]["longestPause"]) for e in gcs), default=0)
    heap_after = [e["values"]["heapUsed"] for e in by["jdk.GCHeapSummary"] if inside(e) and e["values"]["when"] == "After GC"]

    p = print
    p(f"Recording {path}; {rows:,} rows; run window {window:.1f} s (extractor worker's first activity to loader's last); "
      f"{ncpu} hardware threads; per-thread CPU every {period:.0f} s; machine CPU (all processes) averaged {100 * sum(machine) / max(len(machine), 1):.0f}% in the window")
    p()
    p(f"JVM CPU in the window: {jvm_cpu:.1f} CPU-s ({jvm_cpu / window:.2f} cores of {ncpu}); Java threads {java_cpu:.1f} CPU-s; "
      f"GC and other VM threads (the difference) {max(jvm_cpu - java_cpu, 0):.1f} CPU-s")
    p(f"GC: {len(gcs)} collections, pauses {gc_pause:.2f} s in all ({100 * gc_pause / window:.1f}% of the window), longest {1000 * gc_longest:.0f} ms; "
      f"heap after GC max {max(heap_after, default=0) / 2**20:.0f} MB")
    p()
    tot_samples = sum(len(v) for v in samples.values())
    tot_alloc = sum(alloc.values())
    p("| stage (threads) | CPU-s | share of JVM CPU | exec samples (share) | bytes allocated | share | bytes / input row | MB/s over window |")
    p("|---|---:|---:|---:|---:|---:|---:|---:|")
    for st in STAGE_NAMES + ["GC + VM threads (JVM CPU minus Java threads)"]:
        c = cpu.get(st, 0.0) if not st.startswith("GC") else max(jvm_cpu - java_cpu, 0)
        n = len(samples.get(st, []))
        a = alloc.get(st, 0)
        if c < 0.05 and n == 0 and a == 0:
            continue
        p(f"| {st} | {c:.1f} | {100 * c / jvm_cpu:.0f}% | {n} ({100 * n / max(tot_samples, 1):.0f}%) | "
          f"{a / 2**20:,.0f} MB | {100 * a / max(tot_alloc, 1):.0f}% | {a / rows:,.0f} | {a / 2**20 / window:.1f} |")
    p(f"| **all** | {jvm_cpu:.1f} | 100% | {tot_samples} | {tot_alloc / 2**20:,.0f} MB | 100% | {tot_alloc / rows:,.0f} | {tot_alloc / 2**20 / window:.1f} |")

    if stages_only:
        return
    for st in ["extract", "transform", "load", "broker", "registry", "scheduler"]:
        ss = samples.get(st, [])
        if not ss:
            continue
        p()
        p(f"### {st}: {len(ss)} execution samples, {cpu.get(st, 0):.1f} CPU-s, {alloc.get(st, 0) / rows:,.0f} bytes allocated per input row")
        comp = collections.Counter(component(fs) for fs in ss)
        p("components (innermost non-JDK frame): " + ", ".join(f"{k} {100 * v / len(ss):.0f}%" for k, v in comp.most_common(8)))
        top = collections.Counter(short(*fs[0]) for fs in ss if fs)
        p("top methods (self, top frame): " + "; ".join(f"{k} {100 * v / len(ss):.1f}%" for k, v in top.most_common(10)))
        conv = collections.Counter(conveyor_frame(fs) for fs in ss)
        p("innermost conveyor frame (inclusive): " + "; ".join(f"{k} {100 * v / len(ss):.1f}%" for k, v in conv.most_common(10)))
        nat = native.get(st, [])
        duck = sum(1 for fs in nat if any(c.startswith("org.duckdb") for c, _ in fs[:1]))
        if nat:
            p(f"native-method samples: {len(nat)} (of which DuckDB JNI at the top: {duck}); top: "
              + "; ".join(f"{k} {v}" for k, v in collections.Counter(short(*fs[0]) for fs in nat if fs).most_common(4)))
        aw = sum(alloc_samples[st].values())
        if aw:
            p("allocated classes (sampled, by weight): " + "; ".join(f"{k.rsplit('.', 1)[-1]} {100 * v / aw:.0f}%" for k, v in alloc_samples[st].most_common(8)))
            p("allocation sites (innermost conveyor frame <- component): " + "; ".join(f"{k} {100 * v / aw:.0f}%" for k, v in alloc_sites[st].most_common(6)))
            p("allocation stacks (class @ top six frames):")
            for k, v in alloc_stacks[st].most_common(5):
                p(f"  {100 * v / aw:4.1f}% {k}")


if __name__ == "__main__":
    main()

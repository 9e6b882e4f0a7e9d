#!/usr/bin/env python3
"""Where a JFR recording's CPU went: the process's and each thread's CPU (jdk.CPULoad, jdk.ThreadCPULoad, as
shares of all cores), then the execution samples' (threads running Java code) and the native-method samples'
top frames and first io.loadfleet frames. A thread's CPU outside Java code (parking, the JIT) shows in the first
part only. Usage: bench/jfr-top.py RECORDING.jfr [FRAMES]   (default 15 frames a list)"""
import collections
import json
import subprocess
import sys

recording = sys.argv[1]
shown = int(sys.argv[2]) if len(sys.argv) > 2 else 15


def events(kind):
    out = subprocess.run(["jfr", "print", "--json", "--events", kind, recording],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def thread_name(t):
    return t["javaName"] or t["osName"]


def frame(f):
    return f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]


load = events("jdk.CPULoad")
user = sum(e["values"]["jvmUser"] for e in load) / len(load)
system = sum(e["values"]["jvmSystem"] for e in load) / len(load)
print(f"process CPU, share of all cores (mean of {len(load)}): user {user:.3f}, system {system:.3f}")
threads = collections.defaultdict(lambda: [0.0, 0.0, 0])
for e in events("jdk.ThreadCPULoad"):
    t = threads[thread_name(e["values"]["eventThread"])]
    t[0] += e["values"]["user"]
    t[1] += e["values"]["system"]
    t[2] += 1
print("threads by CPU, share of all cores:")
for name, (u, s, n) in sorted(threads.items(), key=lambda kv: -(kv[1][0] + kv[1][1]) / kv[1][2])[:8]:
    print(f"  {name:55s} user {u / n:.3f}, system {s / n:.3f}")
for kind in ["jdk.ExecutionSample", "jdk.NativeMethodSample"]:
    samples = [e for e in events(kind) if e["values"]["stackTrace"]]
    top, ours, by_thread = collections.Counter(), collections.Counter(), collections.Counter()
    for e in samples:
        frames = [frame(f) for f in e["values"]["stackTrace"]["frames"]]
        top[frames[0]] += 1
        ours[next((f for f in frames if f.startswith("io.loadfleet.")), "(none)")] += 1
        by_thread[thread_name(e["values"]["sampledThread"])] += 1
    print(f"{kind}: {len(samples)} samples; by thread: "
          + ", ".join(f"{k} {v}" for k, v in by_thread.most_common(4)))
    for title, counts in [("top frames", top), ("first io.loadfleet frame", ours)]:
        print(f"  {title}:")
        for name, n in counts.most_common(shown):
            print(f"    {n:5d} {100 * n / len(samples):5.1f} %  {name}")

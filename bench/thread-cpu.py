#!/usr/bin/env python3
"""Which threads of a process use its CPU: runs COMMAND and prints each thread name's CPU time (user + system,
/proc/PID/task) from FROM (default 5) s after its start to TO (default 30) s, in cores, the busiest first
(threads of one name added up). Usage: [FROM=S] [TO=S] bench/thread-cpu.py COMMAND...   (it must outlast TO)"""
import collections
import os
import subprocess
import sys
import time

tick = os.sysconf("SC_CLK_TCK")
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def used():
    by_name = collections.Counter()
    for task in os.listdir(f"/proc/{process.pid}/task"):
        try:
            name = open(f"/proc/{process.pid}/task/{task}/comm").read().strip()
            fields = open(f"/proc/{process.pid}/task/{task}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a thread that ended in between
        by_name[name] += (int(fields[11]) + int(fields[12])) / tick
    return by_name


start_from, end_at = float(os.environ.get("FROM", 5)), float(os.environ.get("TO", 30))
time.sleep(start_from)
before, start = used(), time.monotonic()
time.sleep(end_at - start_from)
after, span = used(), time.monotonic() - start
process.wait()
print(f"whole process: {(sum(after.values()) - sum(before.values())) / span:.3f} cores")
for name in sorted(after, key=lambda n: before[n] - after[n])[:8]:
    print(f"  {name:16s} {(after[name] - before[name]) / span:.3f} cores")

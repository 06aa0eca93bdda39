"""bench_feedparser.py DIR - parse every file in DIR with feedparser, as
bench_parse's own child does with feed_parse: at least PASSES times and
for at least MIN_CPU seconds, then print
"ITEMS CPU-SECONDS BASELINE-KIB PEAK-KIB": the items of one pass, the CPU
seconds of the fastest pass (files read included), and the peak RSS
(VmHWM) with feedparser imported, before parsing, and after. Run by
bench_parse under /usr/bin/python3, which has Debian's python3-feedparser."""
import os
import sys
import time

import feedparser

PASSES = 3  # bench_parse.c's BENCH_PASSES ...
MIN_CPU = 1.0  # ... and BENCH_MIN_CPU


def peak_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    folder = sys.argv[1]
    paths = sorted(os.path.join(folder, n) for n in os.listdir(folder))
    baseline = peak_kib()
    best = None
    items = 0
    passes = 0
    first = time.process_time()
    while passes < PASSES or time.process_time() - first < MIN_CPU:
        passes += 1
        items = 0
        start = time.process_time()
        for path in paths:
            with open(path, "rb") as f:
                items += len(feedparser.parse(f.read()).entries)
        secs = time.process_time() - start
        best = secs if best is None else min(best, secs)
    print(items, best, baseline, peak_kib())


if __name__ == "__main__":
    main()

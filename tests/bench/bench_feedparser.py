"""bench_feedparser.py DIR - parse every file in DIR with feedparser and
print "ITEMS CPU-SECONDS BASELINE-KIB", the last the peak RSS with feedparser
imported, before parsing (run by bench_parse under /usr/bin/python3, which
has Debian's python3-feedparser)."""
import os
import resource
import sys
import time

import feedparser


def main():
    folder = sys.argv[1]
    paths = sorted(os.path.join(folder, n) for n in os.listdir(folder))
    items = 0
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()
    for path in paths:
        with open(path, "rb") as f:
            items += len(feedparser.parse(f.read()).entries)
    print(items, time.process_time() - start, baseline)


if __name__ == "__main__":
    main()

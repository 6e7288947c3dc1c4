"""Summarises `jfr print --events jdk.ExecutionSample` output: top methods by self samples, and the
gateway's own frames (io.creditgate) and a few framework families by inclusive samples."""
import collections
import re
import sys

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(")


def samples(path):
    stack = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("jdk.ExecutionSample"):
                if stack:
                    yield stack
                stack = []
            else:
                m = FRAME.match(line)
                if m and "stackTrace" not in line:
                    stack.append(m.group(1))
    if stack:
        yield stack


def main(path):
    self_counts = collections.Counter()
    inclusive = collections.Counter()
    families = collections.Counter()
    total = 0
    for stack in samples(path):
        total += 1
        self_counts[stack[0]] += 1
        for frame in set(stack):
            if frame.startswith("io.creditgate"):
                inclusive[frame] += 1
        seen = set()
        for frame in stack:
            family = ".".join(frame.split(".")[:3])
            if family not in seen:
                seen.add(family)
                families[family] += 1
    print(f"{total} samples")
    print("\n== top 40 methods, self ==")
    for frame, n in self_counts.most_common(40):
        print(f"{100 * n / total:5.1f}%  {frame}")
    print("\n== creditgate frames, inclusive ==")
    for frame, n in inclusive.most_common(40):
        print(f"{100 * n / total:5.1f}%  {frame}")
    print("\n== package families, inclusive ==")
    for family, n in families.most_common(30):
        print(f"{100 * n / total:5.1f}%  {family}")


if __name__ == "__main__":
    main(sys.argv[1])

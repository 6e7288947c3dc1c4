"""Turns an h2load --log-file (start µs, status, duration µs per request) into one result row."""
import sys

log, target, mode, rate, cpu_us, duration_s = sys.argv[1:7]
durations, errors = [], 0
with open(log) as f:
    for line in f:
        parts = line.split()
        if len(parts) < 3:
            continue
        if parts[1] != "200":
            errors += 1
        durations.append(int(parts[2]))
durations.sort()
n = len(durations)


def pct(p):
    return durations[min(n - 1, int(p * n))] / 1000.0 if n else float("nan")


print(f"{target}\t{mode}\t{rate}\t{n / float(duration_s):.0f}\t{pct(0.50):.3f}\t{pct(0.99):.3f}\t{pct(0.999):.3f}"
      f"\t{int(cpu_us) // max(n, 1)}\t{errors}")

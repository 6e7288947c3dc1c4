"""Turns an h2load --log-file (start µs, status, duration µs per request) into one result row."""
import sys

log, target, mode, rate, cpu_us, duration_s = sys.argv[1:7]
durations, errors, first_start, last_end = [], 0, None, None
with open(log) as f:
    for line in f:
        parts = line.split()
        if len(parts) < 3:
            continue
        if parts[1] != "200":
            errors += 1
        start, duration = int(parts[0]), int(parts[2])
        durations.append(duration)
        first_start = start if first_start is None else min(first_start, start)
        last_end = start + duration if last_end is None else max(last_end, start + duration)
durations.sort()
n = len(durations)


def pct(p):
    return durations[min(n - 1, int(p * n))] / 1000.0 if n else float("nan")


# The rate achieved, from the log itself: a target that cannot keep up takes longer than asked.
elapsed_s = (last_end - first_start) / 1e6 if n else float(duration_s)
print(f"{target}\t{mode}\t{rate}\t{n / max(elapsed_s, float(duration_s)):.0f}\t{pct(0.50):.3f}\t{pct(0.99):.3f}\t{pct(0.999):.3f}"
      f"\t{int(cpu_us) // max(n, 1)}\t{errors}")

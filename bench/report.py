"""Renders results.tsv as the Markdown tables of docs/performance.md, with latency added over 'direct'."""
import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
direct = {(r["mode"], r["rate"]): r for r in rows if r["target"] == "direct"}


def added(r, key):
    base = direct.get((r["mode"], r["rate"]))
    if not base or r[key] in ("-", "nan") or base[key] in ("-", "nan"):
        return "-"
    return f"{float(r[key]) - float(base[key]):+.3f}"


for mode in dict.fromkeys(r["mode"] for r in rows):
    print(f"\n### {'Non-streaming' if mode == 'json' else 'Streaming'} chat completions\n")
    print("| target | load | req/s | p50 ms | p99 ms | p99.9 ms | added p50 ms | added p99 ms | CPU µs/req | errors |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        if r["mode"] != mode:
            continue
        load = "max (wrk -c64)" if r["rate"] == "max" else f"{r['rate']} req/s"
        print(f"| {r['target']} | {load} | {r['req_per_s']} | {r['p50_ms']} | {r['p99_ms']} | {r['p99.9_ms']} "
              f"| {added(r, 'p50_ms')} | {added(r, 'p99_ms')} | {r['cpu_us_per_req']} | {r['errors'] or 0} |")

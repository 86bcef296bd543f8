#!/usr/bin/env python3
"""A/B comparison of vigil binaries on the audit benchmark: runs interleaved, so that both see the same load.

Each binary audits the benchmark's project (bench/audit/package-lock.json) against the same database, as json to a
file, after warm-up runs; the runs alternate (A, B, A, B, ...). For each binary it prints processor time (user +
system of the process), wall time, minor page faults and peak memory, as min and median. On a shared machine
processor time and page faults move far less than wall time; the goal (issue 3) is wall time, so read wall on a
quiet moment (the load average is printed).

    python3 bench/audit/ab.py before=/path/to/old/vigil after=dist/vigil [--runs 30] [--db FILE] [--command version]

The database and project are those of bench/audit/run.py (its --work folder; run it once to build them), or --db and
--project. Binaries from different commits can read one database only when they share its schema: give each its own
database as LABEL=BINARY:DATABASE. --command version times 'vigil --version' (start-up alone) instead of the audit.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd):
    """Runs a command; returns (wall ms, processor ms, minor page faults, peak RSS MiB, exit code)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    return wall, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_minflt, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binaries", nargs="+", metavar="LABEL=BINARY[:DATABASE]")
    parser.add_argument("--runs", type=int, default=20, help="measured runs of each binary (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured rounds first (default 2)")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "vigil-audit-bench"), help="bench/audit/run.py's --work folder")
    parser.add_argument("--advisories", type=int, default=200_000, help="which of run.py's databases (default 200000)")
    parser.add_argument("--db", help="the database (default: run.py's)")
    parser.add_argument("--project", help="the project folder audited (default: run.py's)")
    parser.add_argument("--command", choices=["audit", "version"], default="audit")
    args = parser.parse_args()

    db = args.db or os.path.join(args.work, f"vigil-v2-{args.advisories}.db")
    project = args.project or os.path.join(args.work, "project")
    if args.command == "audit" and not (os.path.exists(project) and os.path.exists(db)):
        sys.exit(f"no benchmark database or project in {args.work}: run python3 {os.path.join(HERE, 'run.py')} --skip-npm once first, or give --db and --project")

    output = os.path.join(tempfile.gettempdir(), f"vigil-ab-{os.getpid()}.json")
    configs = []
    for spec in args.binaries:
        label, _, rest = spec.partition("=")
        if not rest:
            sys.exit(f"'{spec}': expected LABEL=BINARY or LABEL=BINARY:DATABASE")
        binary, _, own_db = rest.partition(":")
        cmd = [binary, "--version"] if args.command == "version" else \
            [binary, "audit", project, "--format", "json", "--db", own_db or db, "--output", output]
        configs.append((label, cmd))

    results = {label: [] for label, _ in configs}
    try:
        for round_ in range(args.warmup + args.runs):
            for label, cmd in configs:
                r = run(cmd)
                if round_ >= args.warmup:
                    results[label].append(r)
    finally:
        if os.path.exists(output):
            os.remove(output)

    width = max(len(label) for label in results)
    print(f"{args.command}, {args.runs} interleaved runs each; load average {os.getloadavg()[0]:.1f}")
    for label, rs in results.items():
        wall, cpu, faults, rss, codes = zip(*rs)
        print(f"{label:{width}}  processor min {min(cpu):6.1f} med {statistics.median(cpu):6.1f} ms | "
              f"wall min {min(wall):6.1f} med {statistics.median(wall):6.1f} ms | "
              f"faults med {statistics.median(faults):6.0f} | peak {max(rss):4.0f} MiB | exit {sorted(set(codes))}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Audit benchmark: vigil (Native AOT) against the real npm audit, side by side, on the same lockfile and advisories.

The lockfile (package-lock.json here, 2,291 packages, made by npm from package.json) is audited against 200,000
generated advisories in the WG's npm format. Vigil reads them from its SQLite database (imported once, timed
separately); npm audit gets them from the bulk advisory endpoint of ../shared/tools/npm-audit-oracle.js, which
proxies everything else (packuments) to the registry npm is configured with. Each tool runs with a warm cache
after warm-up runs; wall time and peak memory are those of the whole process.

    python3 bench/audit/run.py [--advisories 200000] [--runs 20] [--npm-runs 3] [--skip-npm] [--vigil dist/vigil]

Processor time (user + system) is reported beside wall time: on a shared machine it moves far less than wall time.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("VIGIL_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))


def run(cmd, cwd=None, quiet=True):
    """Runs a command; returns (wall seconds, peak RSS in MiB of that child, exit code, processor seconds)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL if quiet else None, stderr=subprocess.DEVNULL if quiet else None)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024.0, code, usage.ru_utime + usage.ru_stime


def generate(folder, count, locked, seed=20261129):
    """WG npm records. One in fifty names a package of the lockfile and covers, in one case out of five, the
    locked version (the rest cover older versions, as most advisories of a maintained project do); the others
    name 20,000 packages the project does not use. Ranges are shaped like the WG's."""
    rng = random.Random(seed)
    npm = os.path.join(folder, "npm")
    os.makedirs(npm, exist_ok=True)
    names = sorted(locked)
    others = [f"bench-package-{i}" for i in range(20000)]
    for i in range(1, count + 1):
        if rng.random() < 0.02:
            name = rng.choice(names)
            major, minor, patch = (int(x) for x in locked[name].split("-")[0].split("+")[0].split(".")[:3])
            if rng.random() < 0.2:
                vulnerable = f"<{major}.{minor}.{patch + 1 + rng.randint(0, 3)}"
            else:
                vulnerable = f">={max(0, major - 2)}.0.0 <{max(0, major - 1)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}"
        else:
            name = rng.choice(others)
            a, b, c = rng.randint(0, 9), rng.randint(0, 20), rng.randint(1, 30)
            vulnerable = rng.choice([f"<{a}.{b}.{c}", f">={a}.0.0 <{a}.{b}.{c}", f"<={a}.{b}.{c}", f">={a}.{b}.0 <{a}.{b}.{c} || >={a + 10}.0.0 <{a + 10}.1.0"])
        record = {
            "id": i, "created_at": "2024-01-01", "updated_at": "2024-06-01",
            "title": f"Generated advisory {i}", "author": {"name": "bench", "website": None, "username": None},
            "module_name": name, "publish_date": "2024-01-02", "cves": [f"CVE-2024-{100000 + i}"],
            "vulnerable_versions": vulnerable, "patched_versions": None,
            "overview": "A generated advisory for the audit benchmark.", "recommendation": "Upgrade.", "references": [],
            "cvss_vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "cvss_score": 7.5, "coordinating_vendor": None,
        }
        with open(os.path.join(npm, f"{i}.json"), "w") as f:
            json.dump(record, f)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--advisories", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--npm-runs", type=int, default=3)
    parser.add_argument("--skip-npm", action="store_true")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "vigil-audit-bench"))
    parser.add_argument("--vigil", default=os.path.join(ROOT, "dist", "vigil"), help="the published binary (published there when missing)")
    args = parser.parse_args()

    vigil = args.vigil
    if not os.path.exists(vigil):
        subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src", "Vigil.Cli"), "-o", os.path.dirname(os.path.abspath(vigil))], check=True)

    lock = os.path.join(HERE, "package-lock.json")
    entries = json.load(open(lock))["packages"]
    locked = {k.rsplit("node_modules/", 1)[1]: v["version"] for k, v in entries.items() if k and "version" in v}
    names = sorted(locked)
    os.makedirs(args.work, exist_ok=True)
    wg = os.path.join(args.work, f"wg-v2-{args.advisories}")
    db = os.path.join(args.work, f"vigil-v2-{args.advisories}.db")
    if not os.path.exists(os.path.join(wg, "npm", f"{args.advisories}.json")):
        shutil.rmtree(wg, ignore_errors=True)
        generate(wg, args.advisories, locked)
    if not os.path.exists(db):
        wall, rss, code = run([vigil, "db", "import", wg, "--db", db])
        print(f"import of {args.advisories} advisories: {wall:.1f} s, {rss:.0f} MiB (exit {code})")

    project = os.path.join(args.work, "project")
    os.makedirs(project, exist_ok=True)
    for f in ("package.json", "package-lock.json"):
        shutil.copy(os.path.join(HERE, f), project)

    audit = [vigil, "audit", project, "--format", "json", "--db", db]
    for _ in range(3):
        run(audit)
    results = [run(audit) for _ in range(args.runs)]
    walls = [r[0] * 1000 for r in results]
    cpus = [r[3] * 1000 for r in results]
    peak = max(r[1] for r in results)
    findings = json.loads(subprocess.run(audit, capture_output=True, text=True).stdout)["findings"]
    print(f"packages in the lockfile: {len(names)} names, {len(json.load(open(lock))['packages']) - 1} entries")
    print(f"vigil audit: median {statistics.median(walls):.1f} ms, min {min(walls):.1f} ms, max {max(walls):.1f} ms, "
          f"peak memory {peak:.0f} MiB, {len(findings)} findings (exit {results[0][2]})")
    print(f"vigil audit processor time (user + system): median {statistics.median(cpus):.1f} ms, min {min(cpus):.1f} ms; "
          f"load average {os.getloadavg()[0]:.1f}")

    if args.skip_npm:
        return
    registry = subprocess.run(["npm", "config", "get", "registry"], capture_output=True, text=True).stdout.strip()
    port = "4873"
    oracle = subprocess.Popen(["node", os.path.join(SHARED, "tools", "npm-audit-oracle.js"), os.path.join(wg, "npm"), port, registry],
                              stderr=subprocess.PIPE, text=True)
    try:
        oracle.stderr.readline()  # "audit oracle on PORT: N packages": it is listening
        npm_audit = ["npm", "audit", "--json", f"--registry=http://127.0.0.1:{port}/"]
        run(npm_audit, cwd=project)
        npm_results = [run(npm_audit, cwd=project) for _ in range(args.npm_runs)]
        npm_walls = [r[0] * 1000 for r in npm_results]
        print(f"npm audit:   median {statistics.median(npm_walls):.0f} ms, min {min(npm_walls):.0f} ms, "
              f"peak memory {max(r[1] for r in npm_results):.0f} MiB (exit {npm_results[0][2]})")
        print(f"vigil is {statistics.median(npm_walls) / statistics.median(walls):.0f}x faster (medians)")
    finally:
        oracle.terminate()


if __name__ == "__main__":
    sys.exit(main())

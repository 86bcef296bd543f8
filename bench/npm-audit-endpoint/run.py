#!/usr/bin/env python3
"""Times the npm bulk advisory endpoint of vigil-server for a 1,500-package tree (issue 5's bar: under 20 ms).

The database holds 200,000 generated advisories in the WG's npm format (made and imported as bench/audit/run.py
makes them, one in fifty about a package of bench/audit/package-lock.json). 1,500 of that lockfile's packages
(a fixed sample) are asked for as npm asks: one POST /-/npm/v1/security/advisories/bulk, gzip body. The server
(Release build) runs on loopback with a copy of the database; after warm-up requests, each request is timed on
the client over one kept-alive connection, so a figure is the server's time plus a loopback round trip.

    python3 bench/npm-audit-endpoint/run.py [--advisories 200000] [--packages 1500] [--runs 300] [--server vigil-server.dll]

--server takes a server already built (its vigil-server.dll); without it a Release build is made first.
"""
import argparse
import gzip
import http.client
import importlib.util
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def audit_bench():
    """bench/audit/run.py, for its advisory generator."""
    spec = importlib.util.spec_from_file_location("audit_bench", os.path.join(ROOT, "bench", "audit", "run.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--advisories", type=int, default=200_000)
    parser.add_argument("--packages", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "vigil-audit-bench"))
    parser.add_argument("--server", help="a built vigil-server.dll (default: a Release build made under --work)")
    args = parser.parse_args()

    lock = json.load(open(os.path.join(ROOT, "bench", "audit", "package-lock.json")))["packages"]
    locked = {k.rsplit("node_modules/", 1)[1]: v["version"] for k, v in lock.items() if k and "version" in v}
    os.makedirs(args.work, exist_ok=True)
    wg = os.path.join(args.work, f"wg-v2-{args.advisories}")
    db = os.path.join(args.work, f"vigil-v2-{args.advisories}.db")
    if not os.path.exists(db):
        if not os.path.exists(os.path.join(wg, "npm", f"{args.advisories}.json")):
            shutil.rmtree(wg, ignore_errors=True)
            audit_bench().generate(wg, args.advisories, locked)
        cli = os.path.join(args.work, "cli")
        subprocess.run(["dotnet", "build", "-c", "Release", os.path.join(ROOT, "src", "Vigil.Cli"), "-o", cli], check=True, stdout=subprocess.DEVNULL)
        start = time.perf_counter()
        subprocess.run(["dotnet", os.path.join(cli, "vigil.dll"), "db", "import", wg, "--db", db], check=True, stdout=subprocess.DEVNULL)
        print(f"import of {args.advisories} advisories: {time.perf_counter() - start:.1f} s")

    server_dll = args.server
    if server_dll is None:
        server_dir = os.path.join(args.work, "server")
        subprocess.run(["dotnet", "build", "-c", "Release", os.path.join(ROOT, "src", "Vigil.Web"), "-o", server_dir], check=True, stdout=subprocess.DEVNULL)
        server_dll = os.path.join(server_dir, "vigil-server.dll")
    run_dir = tempfile.mkdtemp(prefix="vigil-npm-audit-bench-")
    server_db = os.path.join(run_dir, "vigil.db")
    shutil.copyfile(db, server_db)

    names = sorted(locked)
    sample = sorted(random.Random(20261130).sample(names, min(args.packages, len(names))))
    body = gzip.compress(json.dumps({name: [locked[name]] for name in sample}).encode())
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        ["dotnet", os.path.abspath(server_dll), "--db", server_db, "--urls", url, "--public-url", url,
         "--Vigil:RateLimits:PublicApi=1000000"],
        cwd=run_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", "/lodash")
                conn.getresponse().read()
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    sys.exit("vigil-server did not start")
                time.sleep(0.5)

        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}

        def ask():
            start = time.perf_counter()
            conn.request("POST", "/-/npm/v1/security/advisories/bulk", body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            elapsed = (time.perf_counter() - start) * 1000
            if response.status != 200:
                sys.exit(f"status {response.status}: {data[:300]!r}")
            return elapsed, data

        for _ in range(args.warmup):
            _, data = ask()
        answer = json.loads(data)
        times = sorted(ask()[0] for _ in range(args.runs))
        pct = lambda p: times[min(len(times) - 1, int(round(p / 100 * (len(times) - 1))))]
        print(f"bulk endpoint, {len(sample)} packages ({len(body)} bytes gzip), {args.advisories} advisories in the database, "
              f"{sum(len(v) for v in answer.values())} advisories answered for {len(answer)} packages")
        print(f"{args.runs} requests after {args.warmup} warm-up: min {times[0]:.2f} ms, median {statistics.median(times):.2f} ms, "
              f"p90 {pct(90):.2f} ms, p99 {pct(99):.2f} ms, max {times[-1]:.2f} ms (client side, loopback)")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    main()

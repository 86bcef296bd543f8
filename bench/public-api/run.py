#!/usr/bin/env python3
"""Public API benchmark: vigil-server's OSV query API with 200,000 advisories on PostgreSQL, on loopback.

Loads (once) 200,000 generated npm advisories and the WG's records into a PostgreSQL database (Loader/), starts
vigil-server (Release build) on 127.0.0.1 with the public rate limit raised, then:
  - runs wrk for a bounded time against POST /v1/query with the packages of ../audit/package-lock.json (2,291 real
    package versions, one query per request, hits and misses as a real tree gives them) and prints requests/s, p50, p99;
  - times a 2,000-package POST /v1/querybatch (the lockfile's first 2,000 packages) over one kept-alive connection.

    python3 bench/public-api/run.py [--advisories 200000] [--seconds 20] [--connections 64] [--threads 2] [--batches 100] [--no-build]

The PostgreSQL server is the tests' (VIGIL_TEST_POSTGRES or ~/.config/vigil-tests/postgres.env); the database is
vigil_bench_public_api on it (kept between runs: loading takes minutes). wrk comes from Debian (apt-get install wrk).
wrk and the server share the machine's cores, and so does anything else running: the load average is printed.
"""
import argparse
import http.client
import json
import os
import re
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("VIGIL_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
DATABASE = "vigil_bench_public_api"


def connection_string():
    text = os.environ.get("VIGIL_TEST_POSTGRES")
    if not text:
        path = os.path.join(os.environ.get("XDG_CONFIG_HOME", os.path.expanduser("~/.config")), "vigil-tests", "postgres.env")
        with open(path) as f:
            for line in f:
                if line.startswith("VIGIL_TEST_POSTGRES="):
                    text = shlex.split(line.strip())[0].split("=", 1)[1]
    if not text:
        sys.exit("no PostgreSQL: set VIGIL_TEST_POSTGRES (an Npgsql connection string)")
    parts = [p for p in text.split(";") if p and not p.lower().startswith("database=")]
    return ";".join(parts + ["Database=" + DATABASE])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port, body, seconds=300):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            c.request("POST", "/v1/query", body, {"Content-Type": "application/json"})
            if c.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("the server did not answer in time")


def parse_wrk(text):
    def latency(label):
        m = re.search(r"^\s+%s\s+([\d.]+)(us|ms|s)\s*$" % re.escape(label), text, re.M)
        if not m:
            return None
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, latency("50%"), latency("99%"), int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--advisories", type=int, default=200000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batches", type=int, default=100)
    parser.add_argument("--no-build", action="store_true", help="use the Release builds as they are")
    args = parser.parse_args()

    conn = connection_string()
    work = tempfile.mkdtemp(prefix="vigil-bench-api-")
    loader = os.path.join(HERE, "Loader", "bin", "Release", "net10.0", "Vigil.Bench.PublicApi.dll")
    server = os.path.join(ROOT, "src", "Vigil.Web", "bin", "Release", "net10.0", "vigil-server.dll")
    for project in () if args.no_build else ("bench/public-api/Loader", "src/Vigil.Web"):
        subprocess.run(["dotnet", "build", project, "-c", "Release", "--nologo", "-v", "q"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

    start = time.perf_counter()
    # The connection string carries the test role's password: it goes to the children in their environment, never on
    # a command line (which ps shows and a failed run prints).
    subprocess.run(["dotnet", loader, str(args.advisories), os.path.join(ROOT, "bench", "audit", "package-lock.json"),
                    os.path.join(SHARED, "data", "nodejs-security-wg"), work],
                   env=dict(os.environ, VIGIL_BENCH_POSTGRES=conn), check=True)
    print(f"data ready in {time.perf_counter() - start:.0f} s")

    port = free_port()
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", Vigil__RateLimits__PublicApi="1000000000",
               Vigil__KeyFile=os.path.join(work, "report-keys"), Logging__LogLevel__Default="Warning", Vigil__Postgres=conn)
    log = open(os.path.join(work, "server.log"), "w")
    process = subprocess.Popen(["dotnet", server, "--urls", f"http://127.0.0.1:{port}",
                                "--public-url", f"http://127.0.0.1:{port}"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        with open(os.path.join(work, "queries.jsonl")) as f:
            first = f.readline().strip()
        start = time.perf_counter()
        wait_ready(port, first)
        print(f"server up, index loaded, in {time.perf_counter() - start:.1f} s (pid {process.pid}; log {log.name})")

        url = f"http://127.0.0.1:{port}"
        wrk = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "--latency", "--timeout", "5s",
               "-s", os.path.join(HERE, "query.lua")]
        subprocess.run(wrk + ["-d", "5s", url, "--", os.path.join(work, "queries.jsonl")], check=True, stdout=subprocess.DEVNULL)
        load = os.getloadavg()[0]
        out = subprocess.run(wrk + ["-d", f"{args.seconds}s", url, "--", os.path.join(work, "queries.jsonl")],
                             check=True, capture_output=True, text=True).stdout
        rps, p50, p99, errors = parse_wrk(out)
        print(out)
        print(f"/v1/query: {rps:,.0f} requests/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms, non-2xx {errors} "
              f"({args.threads} wrk threads, {args.connections} connections, {args.seconds} s; load average before: {load:.1f})")

        with open(os.path.join(work, "batch.json"), "rb") as f:
            batch = f.read()
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        times, size, results, found = [], 0, 0, 0
        for i in range(20 + args.batches):
            t = time.perf_counter()
            c.request("POST", "/v1/querybatch", batch, {"Content-Type": "application/json"})
            r = c.getresponse()
            body = r.read()
            elapsed = (time.perf_counter() - t) * 1000
            if r.status != 200:
                sys.exit(f"querybatch answered {r.status}: {body[:300]!r}")
            if i >= 20:
                times.append(elapsed)
            size = len(body)
        answer = json.loads(body)
        results = len(answer["results"])
        found = sum(len(x.get("vulns", [])) for x in answer["results"])
        times.sort()
        print(f"/v1/querybatch of {results} packages ({found} advisories found, {size:,} bytes): "
              f"p50 {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, min {times[0]:.1f} ms "
              f"over {len(times)} calls on one connection (load average {os.getloadavg()[0]:.1f})")
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


if __name__ == "__main__":
    main()

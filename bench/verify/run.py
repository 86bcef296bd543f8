#!/usr/bin/env python3
"""Verify benchmark: `vigil verify --offline` of a 2,291-package lockfile (../audit/package-lock.json) from a cache.

The cache holds, for every package of the lockfile, the record vigil keeps of a version (its integrity and
dist.signatures, in the registry's versions.pack) signed with a test key (ECDSA P-256 over name@version:integrity, as
npm's registry signs), and the registry's keys. So every package goes through the policy check and a real
signature verification, with no network. Wall time and processor time are those of the whole process (the
Native AOT binary), after warm-up runs.

    dotnet publish src/Vigil.Cli -o dist -p:PublishServer=false
    python3 bench/verify/run.py --vigil dist/vigil [--runs 20]
"""
import argparse
import base64
import hashlib
import json
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REGISTRY = "https://registry.bench.invalid/"


def safe_name(text):
    """The cache's file name of a name (src/Vigil.Signing/Registry/RegistryCache.cs SafeName)."""
    out = []
    for b in text.encode("utf-8"):
        c = chr(b)
        if c.isascii() and (c.isalnum() or c in "-_@" or (c == "." and out)):
            out.append(c)
        else:
            out.append("%%%02x" % b)
    return "".join(out) or "%"


def packages(lockfile):
    with open(lockfile, encoding="utf-8") as f:
        lock = json.load(f)
    seen = {}
    for path, entry in lock["packages"].items():
        if not path or "integrity" not in entry or entry.get("link"):
            continue
        name = entry.get("name") or path[path.rindex("node_modules/") + len("node_modules/"):]
        seen[(name, entry["version"])] = entry["integrity"]
    return seen


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def pack_string(text):
    if text is None:
        return struct.pack("<I", 0xFFFFFFFF)
    data = text.encode("utf-8")
    return struct.pack("<I", len(data)) + data


def version_pack(records):
    """A cache's versions.pack (src/Vigil.Signing/Registry/VersionPack.cs): header, count, records, SHA-256."""
    out = bytearray(b"VIGILPK1" + struct.pack("<I", len(records)))
    for r in records:
        for field in ("name", "version", "integrity", "shasum", "tarball", "attestations"):
            out += pack_string(r.get(field))
        out += struct.pack("<qH", r["published_ms"], len(r["signatures"]))
        for keyid, sig in r["signatures"]:
            out += pack_string(keyid) + pack_string(sig)
    return bytes(out) + hashlib.sha256(out).digest()


def prepare(cache, lockfile):
    """Writes the cache: one signed record per package, and the keys. Returns the number of packages."""
    key = ec.generate_private_key(ec.SECP256R1())
    spki = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    keyid = "SHA256:" + base64.b64encode(hashlib.sha256(spki).digest()).decode().rstrip("=")
    folder = os.path.join(cache, safe_name("registry.bench.invalid"))
    write(os.path.join(folder, "keys.json"), json.dumps({"keys": [{
        "expires": None, "keyid": keyid, "keytype": "ecdsa-sha2-nistp256", "scheme": "ecdsa-sha2-nistp256",
        "key": base64.b64encode(spki).decode()}]}).encode())
    found = packages(lockfile)
    records = []
    for (name, version), integrity in found.items():
        sig = key.sign(f"{name}@{version}:{integrity}".encode(), ec.ECDSA(hashes.SHA256()))
        records.append({"name": name, "version": version, "integrity": integrity, "published_ms": 1704067200000,
                        "signatures": [(keyid, base64.b64encode(sig).decode())]})
    write(os.path.join(folder, "versions.pack"), version_pack(records))
    return len(found)


def run(cmd):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    return time.perf_counter() - start, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vigil", default=os.path.join(ROOT, "dist", "vigil"))
    parser.add_argument("--lockfile", default=os.path.join(ROOT, "bench", "audit", "package-lock.json"))
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="vigil-verify-bench-") as work:
        cache = os.path.join(work, "cache")
        count = prepare(cache, args.lockfile)
        lockfile = os.path.join(work, "package-lock.json")
        with open(args.lockfile, "rb") as f:
            write(lockfile, f.read())
        cmd = [args.vigil, "verify", lockfile, "--offline", "--cache", cache, "--registry", REGISTRY,
               "--require", "signatures", "--format", "json"]

        check = subprocess.run(cmd, capture_output=True, text=True)
        if check.returncode != 0:
            sys.exit(f"vigil verify exited {check.returncode}: {check.stderr.strip()[:500]}")
        summary = json.loads(check.stdout)["summary"]
        if summary["verified"] != summary["packages"]:
            sys.exit(f"not every package verified: {summary}")
        print(f"lockfile: {count} packages (name@version) in {summary['packages']} entries; "
              f"{summary['checks']['signatures']['verified']} signatures verified offline")

        for _ in range(3):
            run(cmd)
        results = [run(cmd) for _ in range(args.runs)]
        if any(code != 0 for _, code, _, _ in results):
            sys.exit("a timed run failed")
        walls = sorted(r[0] * 1000 for r in results)
        cpus = sorted(r[2] * 1000 for r in results)
        print(f"vigil verify --offline ({args.runs} runs): wall median {statistics.median(walls):.0f} ms "
              f"(min {walls[0]:.0f}, max {walls[-1]:.0f}); processor median {statistics.median(cpus):.0f} ms; "
              f"peak RSS {max(r[3] for r in results):.0f} MiB; bar: under 200 ms")


if __name__ == "__main__":
    main()

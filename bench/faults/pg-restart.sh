#!/usr/bin/env bash
# Restarts the PostgreSQL cluster under load against a running vigil-server, then prints how many requests failed
# and how long the service took to recover by itself (same server process, no restart of it).
#
# Needs root (pg_ctlcluster) and the tests' PostgreSQL (VIGIL_TEST_POSTGRES or ~/.config/vigil-tests/postgres.env).
# Usage: bench/faults/pg-restart.sh [load seconds, default 20]   Env: PG_CLUSTER="15 main", READERS=4, WRITERS=2
# Load: loops of curl, READERS reading (GET /advisories/feed.atom, the advisory store) and WRITERS writing (registering
# an account: GET the form for its token, POST it). The cluster is restarted after a third of the time.
set -euo pipefail

seconds=${1:-20}
readers=${READERS:-4}
writers=${WRITERS:-2}
cluster=${PG_CLUSTER:-"15 main"}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

connection=${VIGIL_TEST_POSTGRES:-}
if [[ -z "$connection" ]]; then
  # shellcheck disable=SC1090
  source "${XDG_CONFIG_HOME:-$HOME/.config}/vigil-tests/postgres.env"
  connection=$VIGIL_TEST_POSTGRES
fi
field() { sed -n "s/.*$1=\([^;]*\).*/\1/Ip" <<<"$connection"; }
export PGHOST=$(field Host) PGPORT=$(field Port) PGUSER=$(field Username) PGPASSWORD=$(field Password)
database="vigil_fault_$$"
psql -d postgres -qAtc "CREATE DATABASE $database"
drop() { psql -d postgres -qAtc "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true; }
trap 'kill "$server" 2>/dev/null || true; drop; rm -rf "$work"' EXIT

dll=$(ls "$root"/src/Vigil.Web/bin/Release/net*/vigil-server.dll "$root"/src/Vigil.Web/bin/Debug/net*/vigil-server.dll 2>/dev/null | head -1 || true)
if [[ -z "$dll" ]]; then
  dotnet build "$root/src/Vigil.Web" -c Release >/dev/null
  dll=$(ls "$root"/src/Vigil.Web/bin/Release/net*/vigil-server.dll | head -1)
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
Vigil__Postgres="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$database" \
Vigil__KeyFile="$work/report-keys" Vigil__RateLimits__Register=1000000 Vigil__RateLimits__PublicApi=1000000 \
Vigil__Deadlines__Worker=false ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$dll" --urls "$url" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 1500); do  # up to ~5 min: a busy machine starts slowly
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready" || true)" == 200 ]] && break
  sleep 0.2
done
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready")" == 200 ]] || { echo "server not ready"; cat "$work/server.log"; exit 1; }

now_ms() { date +%s%3N; }
reads() {
  local end=$1 code
  while (( $(now_ms) < end )); do
    code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$url/advisories/feed.atom" || echo 000)
    echo "$(now_ms) read $code"
  done >"$work/reads.$2"
}
writes() {
  local end=$1 worker=$2 i=0 jar="$work/jar.$2" code token
  while (( $(now_ms) < end )); do
    i=$((i + 1))
    token=$(curl -s -m 10 -c "$jar" -b "$jar" "$url/account/register" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1 || true)
    if [[ -z "$token" ]]; then
      echo "$(now_ms) write 000"
      continue
    fi
    code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "Email=w$worker-$i@example.org" \
      --data-urlencode "Password=correct horse battery staple" --data-urlencode "__RequestVerificationToken=$token" "$url/account/register" || echo 000)
    echo "$(now_ms) write $code"
  done >"$work/writes.$worker"
}

start=$(now_ms)
end=$((start + seconds * 1000))
for w in $(seq 1 "$readers"); do reads "$end" "$w" & done
for w in $(seq 1 "$writers"); do writes "$end" "$w" & done
sleep $((seconds / 3))
restart_from=$(now_ms)
# shellcheck disable=SC2086
pg_ctlcluster $cluster restart
restart_to=$(now_ms)
wait $(jobs -p | grep -v "^$server\$") 2>/dev/null || true
alive=$(kill -0 "$server" 2>/dev/null && echo yes || echo no)
ready=$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready" || echo 000)

cat "$work"/reads.* "$work"/writes.* | python3 -c '
import sys
start, r0, r1 = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rows = [l.split() for l in sys.stdin if l.strip()]
rows = [(int(t), k, c) for t, k, c in rows]
ok = lambda c: c in ("200", "302")
bad = [r for r in rows if not ok(r[2])]
reads = sum(1 for r in rows if r[1] == "read")
span = (max(r[0] for r in rows) - start) / 1000
print(f"requests: {len(rows)} ({reads} reads, {len(rows) - reads} writes) over {span:.1f} s")
print(f"cluster restart (pg_ctlcluster): {(r1-r0)/1000:.2f} s")
for kind in ("read", "write"):
    b = [r for r in bad if r[1] == kind]
    codes = {}
    for r in b: codes[r[2]] = codes.get(r[2], 0) + 1
    print(f"{kind} errors: {len(b)} {codes}")
outside = [r for r in bad if r[0] < r0 or r[0] > r1 + 500]
print(f"errors outside the restart window (+0.5 s): {len(outside)}")
if bad:
    last = max(r[0] for r in bad)
    after = [r for r in rows if r[0] > last]
    print(f"recovery: last error {(last - r1)/1000:+.2f} s after the cluster was back; {len(after)} requests after it, all ok")
else:
    print("recovery: no errors at all")
' "$start" "$restart_from" "$restart_to"
echo "server process alive throughout: $alive; readiness now: $ready"

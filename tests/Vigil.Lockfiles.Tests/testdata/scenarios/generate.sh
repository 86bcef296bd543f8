#!/usr/bin/env bash
# Regenerates the lockfile fixtures from the scenario manifests in this folder by running the real clients.
# Usage: generate.sh <client> <scenario> <out-file>
#   <client>: npm6 | npm-v2 | npm-v3 | npm-shrinkwrap | yarn1 | yarn4 | pnpm6 | pnpm7 | pnpm8 | pnpm9 | bun
# The client commands come from the environment (install them outside the repository):
#   NPM6 (npm 6), YARN1, YARN4 ("node …/bin/yarn.js"), PNPM6, PNPM7, PNPM8, PNPM9, BUN; npm is taken from PATH.
# Each run copies the scenario to a fresh temporary folder, applies the client's variant of a manifest
# (package.<client>.json, package.workspace-protocol.json) and resolves it with scripts ignored.
set -euo pipefail
client=$1 scenario=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/$scenario/." "$work/"
cd "$work"
case $client in
  npm6|npm-v2|npm-v3|npm-shrinkwrap)
    [ -f package.npm.json ] && mv package.npm.json package.json
    find . -name package.workspace-protocol.json -delete ;;
  yarn1)
    find . -name 'package.*.json' -delete ;;
  *)
    find . -name package.workspace-protocol.json | while read -r f; do mv "$f" "$(dirname "$f")/package.json"; done
    find . -name 'package.*.json' -delete ;;
esac
case $client in
  npm6) $NPM6 install --package-lock-only --ignore-scripts --no-audit >/dev/null 2>&1; cp package-lock.json "$out" ;;
  npm-v2) npm install --package-lock-only --ignore-scripts --lockfile-version=2 >/dev/null; cp package-lock.json "$out" ;;
  npm-v3) npm install --package-lock-only --ignore-scripts --lockfile-version=3 >/dev/null; cp package-lock.json "$out" ;;
  npm-shrinkwrap) npm install --package-lock-only --ignore-scripts >/dev/null; npm shrinkwrap >/dev/null 2>&1; cp npm-shrinkwrap.json "$out" ;;
  yarn1) $YARN1 install --ignore-scripts --non-interactive --no-progress >/dev/null; cp yarn.lock "$out" ;;
  yarn4) touch yarn.lock; YARN_ENABLE_IMMUTABLE_INSTALLS=false YARN_ENABLE_TELEMETRY=0 YARN_NODE_LINKER=node-modules \
           $YARN4 install --mode=update-lockfile >/dev/null; cp yarn.lock "$out" ;;
  pnpm6|pnpm7|pnpm8|pnpm9)
    var=${client^^}; ${!var} install --lockfile-only --ignore-scripts >/dev/null; cp pnpm-lock.yaml "$out" ;;
  bun) $BUN install --lockfile-only --ignore-scripts >/dev/null; cp bun.lock "$out" ;;
  *) echo "unknown client $client" >&2; exit 2 ;;
esac

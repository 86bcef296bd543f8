// Prints the packages of a pnpm-lock.yaml, one "name@version" a line, sorted, as pnpm's own reader reads the file.
// usage: node packages.js <folder holding pnpm-lock.yaml>
// @pnpm/lockfile.fs joins a version 9 file's `packages` and `snapshots` into one entry per dependency path
// (peer suffixes included); @pnpm/dependency-path parses a path into its name and version. Entries that are not
// from a registry (a git or tarball dependency) have no semver version: their version is the lockfile's own.
// Workspace links (`link:`) are importers' dependencies, never entries, so they are not printed.
'use strict';
const { readWantedLockfile } = require('@pnpm/lockfile.fs');
const { parse } = require('@pnpm/dependency-path');

(async () => {
  const lockfile = await readWantedLockfile(process.argv[2], { ignoreIncompatible: false });
  if (lockfile == null) {
    throw new Error(`no pnpm-lock.yaml in ${process.argv[2]}`);
  }

  const out = new Set();
  for (const [depPath, entry] of Object.entries(lockfile.packages || {})) {
    const parsed = parse(depPath);
    const name = entry.name || parsed.name;
    const version = entry.version || parsed.version || parsed.nonSemverVersion;
    if (!name || !version) {
      throw new Error(`cannot tell the name and version of ${depPath}`);
    }

    out.add(`${name}@${version}`);
  }

  process.stdout.write([...out].sort().join('\n') + (out.size ? '\n' : ''));
})().catch(e => {
  console.error(e && e.stack || String(e));
  process.exit(1);
});

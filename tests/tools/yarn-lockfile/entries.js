// Prints the resolved packages of a yarn.lock, one "name@version" a line, as yarn's own parsers read the file.
// Classic: @yarnpkg/lockfile; an entry keyed "alias@npm:real@range" is the package "real".
// Berry: @yarnpkg/parsers' parseSyml; the name is the resolution's, workspace/link/portal entries are skipped.
// With --unreached (berry), prints instead the packages (name@version) no workspace reaches through dependencies: yarn keeps
// some entries nothing depends on. A patch: entry depends on the package it patches.
'use strict';
const fs = require('fs');
const text = fs.readFileSync(process.argv[2], 'utf8');
const out = new Set();
const nameOf = (descriptor) => descriptor.slice(0, descriptor.indexOf('@', 1));
const skipped = (resolution) => /^(workspace|link|portal):/.test(resolution.slice(nameOf(resolution).length + 1));
if (/^__metadata:/m.test(text)) {
  const data = require('@yarnpkg/parsers').parseSyml(text);
  delete data.__metadata;
  if (process.argv[3] === '--unreached') {
    const byDescriptor = new Map();
    for (const [key, entry] of Object.entries(data)) {
      for (const d of key.split(', ')) { byDescriptor.set(d, entry); byDescriptor.set(d.split('::')[0], entry); }
    }
    const edges = (entry) => {
      const result = Object.entries(entry.dependencies || {}).map(([n, r]) => byDescriptor.get(`${n}@${r}`));
      const patch = /@patch:(.+?)#/.exec(entry.resolution);
      if (patch) result.push(byDescriptor.get(decodeURIComponent(patch[1])));
      return result.filter(Boolean);
    };
    const reached = new Set();
    const pending = Object.values(data).filter(e => e.resolution.includes('@workspace:'));
    while (pending.length) {
      const entry = pending.pop();
      if (reached.has(entry)) continue;
      reached.add(entry);
      pending.push(...edges(entry));
    }
    const id = (entry) => `${nameOf(entry.resolution)}@${entry.version}`;
    const reachedIds = new Set([...reached].map(id));
    for (const entry of Object.values(data)) {
      if (!reachedIds.has(id(entry)) && !skipped(entry.resolution)) out.add(id(entry));
    }
  } else {
    for (const entry of Object.values(data)) {
      if (!skipped(entry.resolution)) out.add(`${nameOf(entry.resolution)}@${entry.version}`);
    }
  }
} else {
  const parsed = require('@yarnpkg/lockfile').parse(text);
  if (parsed.type !== 'success') throw new Error(`yarn lockfile parse: ${parsed.type}`);
  for (const [key, entry] of Object.entries(parsed.object)) {
    const range = key.slice(nameOf(key).length + 1);
    const alias = range.startsWith('npm:') ? nameOf(range.slice(4) + '@') : null;
    if (range.startsWith('link:')) continue;
    out.add(`${alias || nameOf(key)}@${entry.version}`);
  }
}
process.stdout.write([...out].sort().join('\n') + (out.size ? '\n' : ''));

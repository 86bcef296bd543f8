// Prints the resolved packages of a yarn.lock, one "name@version" a line, as yarn's own parsers read the file.
// Classic: @yarnpkg/lockfile; an entry keyed "alias@npm:real@range" is the package "real".
// Berry: @yarnpkg/parsers' parseSyml; the name is the resolution's, workspace/link/portal entries are skipped.
'use strict';
const fs = require('fs');
const text = fs.readFileSync(process.argv[2], 'utf8');
const out = new Set();
const nameOf = (descriptor) => descriptor.slice(0, descriptor.indexOf('@', 1));
if (/^__metadata:/m.test(text)) {
  const data = require('@yarnpkg/parsers').parseSyml(text);
  for (const [key, entry] of Object.entries(data)) {
    if (key === '__metadata') continue;
    const resolution = entry.resolution;
    const protocol = resolution.slice(nameOf(resolution).length + 1);
    if (/^(workspace|link|portal):/.test(protocol)) continue;
    out.add(`${nameOf(resolution)}@${entry.version}`);
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
process.stdout.write([...out].sort().join('\n') + '\n');

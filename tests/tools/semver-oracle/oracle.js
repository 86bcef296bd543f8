'use strict'
// Reads one JSON case per line from stdin: {"v": version, "r": range, "o": flags (1 loose, 2 includePrerelease)}.
// Writes one JSON line per case: [semver.valid(v), semver.validRange(r), semver.satisfies(v, r)] with those options.
const semver = require('semver')

const input = require('fs').readFileSync(0, 'utf8')
const out = []
for (const line of input.split('\n')) {
  if (line === '') continue
  const c = JSON.parse(line)
  const options = { loose: (c.o & 1) !== 0, includePrerelease: (c.o & 2) !== 0 }
  out.push(JSON.stringify([
    semver.valid(c.v, options),
    semver.validRange(c.r, options),
    semver.satisfies(c.v, c.r, options),
  ]))
}
process.stdout.write(out.join('\n') + '\n')

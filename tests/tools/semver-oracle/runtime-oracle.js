'use strict'
// The matching rule of is-my-node-vulnerable 1.6.1 (is-vulnerable.js, getVulnerabilityList and isSystemAffected),
// run with the real semver over the WG's core records: a version is affected by a record when
// satisfies(version, vulnerable) && !satisfies(version, patched) and the record's affectedEnvironments includes
// the platform or 'all'.
// Usage: node runtime-oracle.js <folder of core/N.json>; stdin: one JSON line per case {"v": version, "p": [platforms]};
// stdout: one JSON line per case: for each platform, the sorted numbers N of the records that affect the version.
const fs = require('fs')
const path = require('path')
const satisfies = require('semver/functions/satisfies')

const folder = process.argv[2]
const records = []
for (const file of fs.readdirSync(folder)) {
  if (!/^\d+\.json$/.test(file)) continue
  records.push([Number(file.slice(0, -5)), JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'))])
}

const affectsPlatform = (platform, environments) =>
  !platform || !Array.isArray(environments) || environments.includes(platform) || environments.includes('all')

const out = []
for (const line of fs.readFileSync(0, 'utf8').split('\n')) {
  if (line === '') continue
  const c = JSON.parse(line)
  const affecting = records.filter(([, r]) => satisfies(c.v, r.vulnerable) && !satisfies(c.v, r.patched))
  out.push(JSON.stringify(c.p.map(platform => affecting
    .filter(([, r]) => affectsPlatform(platform, r.affectedEnvironments))
    .map(([n]) => n)
    .sort((a, b) => a - b))))
}
process.stdout.write(out.join('\n') + '\n')

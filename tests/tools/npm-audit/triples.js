// Reads what the real `npm audit --json` printed as (package, version, advisory) triples, one
// "name@version NSWG-ECO-<source>" a line, sorted.
// usage: node triples.js <npm audit --json output> <the project's package-lock.json>
//
// npm groups its report by package name: a vulnerability's `nodes` are every installed node of that name that is
// vulnerable, whichever advisory or metavulnerability made it so, and its `via` lists advisories (objects: `source`
// is the advisory's number, `range` its vulnerable range) and names of vulnerable dependencies (strings). An
// advisory is attributed to a node only when the node's version satisfies the advisory's range, tested as npm tests
// it (@npmcli/metavuln-calculator: semver with loose and includePrerelease, the semver release npm bundles).
'use strict';
const fs = require('fs');
const semver = require('semver');

const semverOptions = { loose: true, includePrerelease: true };
const [auditFile, lockFile] = process.argv.slice(2);
const audit = JSON.parse(fs.readFileSync(auditFile, 'utf8'));
if (audit.error) {
  console.error(`npm audit failed: ${JSON.stringify(audit.error)}`);
  process.exit(2);
}
if (audit.auditReportVersion !== 2 || typeof audit.vulnerabilities !== 'object') {
  console.error(`not an npm audit report (version 2): ${auditFile}`);
  process.exit(2);
}

const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
const entries = lock.packages || {};
const nameAt = (location) => entries[location].name || location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
const triples = new Set();
for (const [name, vulnerability] of Object.entries(audit.vulnerabilities)) {
  const advisories = vulnerability.via.filter(v => typeof v === 'object');
  for (const location of vulnerability.nodes) {
    if (!entries[location]) {
      console.error(`npm named the node ${location}, which ${lockFile} does not hold`);
      process.exit(2);
    }

    const version = entries[location].version;
    if (nameAt(location) !== name) {
      console.error(`npm listed ${location} (${nameAt(location)}) under ${name}`);
      process.exit(2);
    }

    for (const advisory of advisories) {
      if (advisory.name !== name) {
        console.error(`npm listed the advisory ${advisory.source} of ${advisory.name} under ${name}`);
        process.exit(2);
      }

      if (semver.satisfies(version, advisory.range, semverOptions)) {
        triples.add(`${name}@${version} NSWG-ECO-${advisory.source}`);
      }
    }
  }
}

process.stdout.write([...triples].sort().join('\n') + (triples.size ? '\n' : ''));

// Writes the CWE catalogue Vigil embeds (src/Vigil.Disclosure/Cwe/cwe.tsv) from MITRE's CWE list as the cwe-sdk
// package ships it (raw/cwe-archive.xml, MITRE's cwec XML). One line per weakness that is not deprecated:
// "<id>\t<name>", sorted by id, after a header line that names the source.
// usage: node generate.js > ../../../src/Vigil.Disclosure/Cwe/cwe.tsv
'use strict';
const fs = require('fs');
const path = require('path');

const sdk = path.dirname(require.resolve('cwe-sdk/package.json'));
const version = require('cwe-sdk/package.json').version;
const xml = fs.readFileSync(path.join(sdk, 'raw', 'cwe-archive.xml'), 'utf8');

const catalog = /<Weakness_Catalog\b[^>]*\bVersion="([^"]+)"[^>]*\bDate="([^"]+)"/.exec(xml);
if (!catalog) throw new Error('no Weakness_Catalog element with Version and Date');

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = text => text.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (_, name, dec, hex) =>
  dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : entities[name]);
const attribute = (tag, name) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? unescape(match[1]) : null;
};

const rows = [];
for (const [tag] of xml.matchAll(/<Weakness\s[^>]*>/g)) {
  const id = attribute(tag, 'ID');
  const name = attribute(tag, 'Name');
  const status = attribute(tag, 'Status');
  if (!/^[1-9][0-9]*$/.test(id || '') || !name || /[\t\r\n]/.test(name)) throw new Error(`unexpected weakness: ${tag}`);
  if (status !== 'Deprecated') rows.push([Number(id), name]);
}
rows.sort((a, b) => a[0] - b[0]);

let out = `# MITRE CWE ${catalog[1]} (${catalog[2]}), weaknesses that are not deprecated; from cwe-sdk ${version} raw/cwe-archive.xml by tests/tools/cwe-catalogue/generate.js\n`;
for (const [id, name] of rows) out += `${id}\t${name}\n`;
process.stdout.write(out);

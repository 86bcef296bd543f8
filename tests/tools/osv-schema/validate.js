// Validates OSV records against the OSV JSON schema (schema.json beside this script, JSON Schema 2020-12) with ajv.
// usage: node validate.js <file>...   (each file holds one OSV record, or a JSON array of records)
// Prints one JSON line per record: {"file", "id", "errors": [ajv errors]}; exits 0 even when a record is invalid
// (the caller judges), 2 when the validator itself cannot run.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');

try {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, 'schema.json'), 'utf8')));
  for (const file of process.argv.slice(2)) {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const record of Array.isArray(parsed) ? parsed : [parsed]) {
      const ok = validate(record);
      process.stdout.write(JSON.stringify({ file, id: record && record.id, errors: ok ? [] : validate.errors }) + '\n');
    }
  }
} catch (e) {
  console.error(e && e.stack || String(e));
  process.exit(2);
}

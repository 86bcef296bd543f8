// Validates CycloneDX JSON documents with CycloneDX's own library (its strict JSON validator: ajv over the schemas the
// library ships, bom-1.6 and the SPDX, JSF and cryptography schemas it references; remote schemas disabled).
// usage: node validate.js <version> <file>...
// Prints one JSON line per file: {"file", "specVersion", "errors": [ajv errors]}; exits 0 even when a file is
// invalid (the caller judges), 2 when the validator itself cannot run.
'use strict';
const fs = require('fs');
const { Spec, Validation } = require('@cyclonedx/cyclonedx-library');

(async () => {
  const [version, ...files] = process.argv.slice(2);
  if (!Object.values(Spec.Version).includes(version)) {
    throw new Error(`not a CycloneDX version the library knows: ${version}`);
  }

  const validator = new Validation.JsonStrictValidator(version);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const errors = await validator.validate(text);
    const specVersion = JSON.parse(text).specVersion ?? null;
    process.stdout.write(JSON.stringify({ file, specVersion, errors: errors ?? [] }) + '\n');
  }
})().catch(e => {
  console.error(e && e.stack || String(e));
  process.exit(2);
});

// Compiles every event schema with Ajv (JSON Schema 2020-12, strict mode: unknown keywords, ambiguous types and
// ignored keywords are errors) and validates each event's example against its schema.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const read = path => JSON.parse(readFileSync(path, 'utf8'));
// Each schema is registered under its path relative to the folder, so relative $refs resolve as they do on disk.
const base = 'file:///kam/';
ajv.addSchema(read(join(root, 'common/kam-common.v1.json')), base + 'common/kam-common.v1.json');
let failures = 0;
for (const file of readdirSync(join(root, 'events')).sort()) {
  try {
    ajv.addSchema(read(join(root, 'events', file)), base + 'events/' + file);
    const validate = ajv.getSchema(base + 'events/' + file);
    const example = read(join(root, 'examples', file));
    if (!validate(example)) {
      failures++;
      console.log(`${file}: its example does not match: ${ajv.errorsText(validate.errors)}`);
    } else {
      console.log(`${file}: strict, example valid`);
    }
  } catch (e) {
    failures++;
    console.log(`${file}: ${e.message}`);
  }
}
if (failures) { console.log(`${failures} schema(s) failed`); process.exit(1); }

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { REPO_ROOT } from './engine';

let validator: ReturnType<Ajv['compile']> | undefined;

/** Asserts that `text` is a SARIF log valid against the OASIS 2.1.0 schema (test/fixtures/sarif). */
export function validateSarif(text: string): void {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
    // The schema's language-tag pattern is not a valid `u`-flag regex; ajv compiles it without.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  const ok = validator(JSON.parse(text));
  assert.ok(ok, `SARIF is valid 2.1.0: ${JSON.stringify(validator.errors?.slice(0, 5))}`);
}

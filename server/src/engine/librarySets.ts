/**
 * Named library sets and shared patterns, defined once per language family in
 * `server/queries/<family>/libraries.json` and referred to from any string argument of a rule's
 * predicates as `{{name}}` (like ast-grep's `utils:` or nvim-treesitter's `; inherits:`):
 *
 *   (#resolves-to? @pkg "^{{jwt}}$")
 *
 * expands to `^(?:<the set's regex>)$`. A reference to an undefined set is a rule-file error;
 * a set no rule uses fails the rule-file check in `npm test` (test/unit/ruleFiles.test.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { isRecord } from '../json';
import type { QueryFamily } from './languages';

export interface LibrarySet {
  description: string;
  /** A JavaScript regular expression, as written in the JSON (not escaped for .scm strings). */
  pattern: string;
}

export interface LibrarySets {
  file: string;
  sets: Map<string, LibrarySet>;
}

export class LibrarySetError extends Error {}

const REF = /\{\{([a-z][a-z0-9-]*)\}\}/g;
const WHOLE_REF = /"\{\{([a-z][a-z0-9-]*)\}\}"/g;

export function libraryFile(queriesDir: string, family: QueryFamily): string {
  return path.join(queriesDir, family, 'libraries.json');
}

/** Reads a family's library sets; an absent file means none. Malformed files are errors. */
export function readLibrarySets(queriesDir: string, family: QueryFamily): LibrarySets {
  const file = libraryFile(queriesDir, family);
  const sets = new Map<string, LibrarySet>();
  if (!fs.existsSync(file)) return { file, sets };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new LibrarySetError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (!isRecord(parsed)) throw new LibrarySetError(`${file}: must be an object of name: { description, pattern }`);
  for (const [name, value] of Object.entries(parsed)) {
    if (name === '$comment') continue;
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new LibrarySetError(`${file}: set name ${JSON.stringify(name)} must be lowercase words joined by -`);
    if (!isRecord(value) || typeof value.pattern !== 'string' || typeof value.description !== 'string') {
      throw new LibrarySetError(`${file}: set "${name}" needs "description" and "pattern" strings`);
    }
    try {
      new RegExp(value.pattern);
    } catch (err) {
      throw new LibrarySetError(`${file}: set "${name}": ${(err as Error).message}`);
    }
    if (REF.test(value.pattern)) throw new LibrarySetError(`${file}: set "${name}" refers to another set; sets do not nest`);
    REF.lastIndex = 0;
    sets.set(name, { description: value.description, pattern: value.pattern });
  }
  return { file, sets };
}

/** `text` with every `{{name}}` replaced, escaped for a .scm string; records the names used. */
export function expandLibraryRefs(text: string, sourceFile: string, libraries: LibrarySets, used?: Set<string>): string {
  const patternOf = (name: string): string => {
    const set = libraries.sets.get(name);
    if (!set) throw new LibrarySetError(`${sourceFile}: {{${name}}} is not defined in ${libraries.file}`);
    used?.add(name);
    return set.pattern;
  };
  const escape = (re: string) => re.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  // A whole string that is one reference is the set's regex itself (its anchors and literal
  // prefixes stay visible to the per-file gates); inside a longer regex it is a group.
  return text
    .replace(WHOLE_REF, (_m, name: string) => `"${escape(patternOf(name))}"`)
    .replace(REF, (_m, name: string) => escape(`(?:${patternOf(name)})`));
}

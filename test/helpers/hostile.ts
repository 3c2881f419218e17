/**
 * Crafted source files that once broke or hung the engine (issue 10), generated rather than
 * checked in. Shared by the tests and the fuzz harness (scripts/fuzz.ts).
 */

/**
 * `depth` nested Python functions, one more space of indentation each, with a string in the
 * innermost one. With 600 the Python grammar's external scanner writes past its 1 KB state
 * buffer (indent stack plus an odd-length delimiter stack) and the WebAssembly traps with
 * "memory access out of bounds" (187 KB, under the size limit).
 */
export function deepPythonDefs(depth = 600): string {
  let s = '';
  for (let i = 0; i < depth; i++) s += `${' '.repeat(i)}def f${i}(a):\n`;
  return `${s}${' '.repeat(depth)}x = "abc"\n`;
}

/** A JavaScript `+` chain of `terms` crypto calls, each a trigger in one top-level statement. */
export function plusChain(terms = 5000): string {
  const parts: string[] = [];
  for (let i = 0; i < terms; i++) parts.push('crypto.createHash("md5")');
  return `const crypto = require("crypto");\nconst s = ${parts.join(' + ')};\n`;
}

/** `db.query("SELECT …" + x + " AND c0 = '" + v0 + "'" …)` with `terms` values: one SQL-injection finding. */
export function sqlChain(terms = 1000): string {
  const parts: string[] = [];
  for (let i = 0; i < terms; i++) parts.push(`" AND c${i} = '" + v${i} + "'"`);
  return [
    "const mysql = require('mysql2/promise');",
    'const pool = mysql.createPool({});',
    `async function q(x) { return pool.query("SELECT * FROM t WHERE a = " + x + ${parts.join(' + ')}); }`,
    'module.exports = { q };',
    '',
  ].join('\n');
}

/** `depth` nested arrow functions, each calling crypto. */
export function nestedArrows(depth = 3000): string {
  return `const crypto = require("crypto");\nconst f = ${'(x) => crypto.createHash("md5") && ('.repeat(depth)}1${')'.repeat(depth)};\n`;
}

/** `depth` nested Python lambdas, each hashing. */
export function nestedLambdas(depth = 3000): string {
  return `import hashlib\nf = ${'lambda x: hashlib.md5(x) and ('.repeat(depth)}1${')'.repeat(depth)}\n`;
}

/** `depth` unclosed parentheses around crypto calls (a syntax error all the way down). */
export function unclosedParens(depth = 5000): string {
  return `const crypto = require("crypto");\nconst f = ${'(crypto.createHash("md5"), '.repeat(depth)}\n`;
}

/** `depth` nested named JavaScript functions, each with a crypto call (a region per function). */
export function nestedFunctions(depth = 3000): string {
  let s = 'const crypto = require("crypto");\n';
  for (let i = 0; i < depth; i++) s += `function f${i}() { crypto.createHash("md5");\n`;
  return `${s}${'}'.repeat(depth)}\n`;
}

export interface HostileCase {
  name: string;
  file: string;
  text: () => string;
}

/**
 * Crafted inputs that must be analysed well within the default budget (the fault aside). Sized so
 * the quadratic code they caught took minutes (tens of seconds at the least) and the fixed code a
 * fraction of a second, leaving a wide margin on a loaded machine.
 */
/** One Go function of `n` pairs: a message built with Sprintf into an assigned local, then a SQL call (a generated migration's shape). */
export function sprintfAssignments(n = 400): string {
  const body: string[] = [];
  for (let i = 0; i < n; i++) body.push(`\tmsg = fmt.Sprintf("step ${i} %s", a)`, `\tdb.Exec("UPDATE t SET x = 1 WHERE id = ${i}")`);
  return ['package p', '', 'import (', '\t"database/sql"', '\t"fmt"', ')', '', 'func Migrate(db *sql.DB, a string) {', '\tvar msg string', ...body, '\t_ = msg', '}', ''].join('\n');
}

/** One Go handler of `n` pairs: SQL concatenated with a request value into an assigned local, then executed. */
export function concatAssignments(n = 400): string {
  const body: string[] = [];
  for (let i = 0; i < n; i++) body.push(`\tq = "SELECT * FROM t WHERE a = " + r.FormValue("a${i}")`, '\tif _, err := db.Exec(q); err != nil {\n\t\treturn\n\t}');
  return ['package p', '', 'import (', '\t"database/sql"', '\t"net/http"', ')', '', 'func Handle(w http.ResponseWriter, r *http.Request, db *sql.DB) {', '\tvar q string', ...body, '}', ''].join('\n');
}

export const SLOW_CASES: HostileCase[] = [
  { name: '3,000-term + chain of crypto calls', file: 'plus.js', text: () => plusChain(3000) },
  { name: '2,000-term SQL concatenation', file: 'sql.js', text: () => sqlChain(2000) },
  { name: '1,500 nested arrow functions', file: 'arrows.js', text: () => nestedArrows(1500) },
  { name: '1,500 nested Python lambdas', file: 'lambdas.py', text: () => nestedLambdas(1500) },
  { name: '3,000 unclosed parentheses', file: 'parens.js', text: () => unclosedParens(3000) },
  // Before: over the 2 s budget (a finding pattern kept a state per assigned local across the rest of the block).
  { name: '800-statement Go function of Sprintf assignments and SQL calls', file: 'migrate.go', text: () => sprintfAssignments(400) },
  // Before: over the 2 s budget (a pattern captured the block around each assigned local).
  { name: '800-statement Go handler of concatenated SQL executed', file: 'handler.go', text: () => concatAssignments(400) },
];

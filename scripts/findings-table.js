#!/usr/bin/env node
// Prints the README's findings table from the rule files (after `npx tsc -p .`):
// rule id, category, severity, CWE and whether a quick fix exists.
'use strict';
const fs = require('fs');
const path = require('path');
const { splitPatterns } = require('../out/server/src/engine/queryText.js');

const root = path.resolve(__dirname, '..');
const rules = new Map();
for (const family of ['go', 'python', 'ecma']) {
  const dir = path.join(root, 'server', 'queries', family, 'findings');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.scm')).sort()) {
    for (const pattern of splitPatterns(fs.readFileSync(path.join(dir, file), 'utf8'))) {
      const props = {};
      for (const m of pattern.matchAll(/\(#set!\s+([\w-]+)\s+"((?:[^"\\]|\\.)*)"\)/g)) props[m[1]] = m[2];
      if (!props.rule) continue;
      const r = rules.get(props.rule) ?? { category: props.category, severity: new Set(), cwe: new Set(), fix: false, audit: false, message: props.message };
      r.severity.add(props.severity);
      r.cwe.add(props.cwe);
      r.fix = r.fix || Boolean(props.fix);
      r.audit = r.audit || props.confidence === 'low';
      rules.set(props.rule, r);
    }
  }
}
console.log('| rule | category | severity | CWE | quick fix | reported |');
console.log('|---|---|---|---|---|---|');
for (const [id, r] of [...rules].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  console.log(`| \`${id}\` | ${r.category} | ${[...r.severity].join(', ')} | ${[...r.cwe].map((c) => `CWE-${c}`).join(', ')} | ${r.fix ? 'yes' : '—'} | ${r.audit ? 'audit only' : 'always'} |`);
}
console.log(`\n${rules.size} finding rules.`);

#!/usr/bin/env node
// Prints the README's findings table from the rule files (after `npx tsc -p .`):
// rule id, category, severity, CWE, whether a quick fix exists, when it is reported, and how the
// rule fared on real code: judged true / judged, over every verdict in test/corpus/judgments.jsonl.
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
      const r = rules.get(props.rule) ?? { category: props.category, severity: new Set(), cwe: new Set(), fix: false, audit: false, always: false, message: props.message };
      r.severity.add(props.severity);
      r.cwe.add(props.cwe);
      r.fix = r.fix || Boolean(props.fix);
      r.audit = r.audit || props.confidence === 'low';
      r.always = r.always || props.confidence !== 'low';
      rules.set(props.rule, r);
    }
  }
}
const judged = new Map();
for (const line of fs.readFileSync(path.join(root, 'test', 'corpus', 'judgments.jsonl'), 'utf8').split('\n')) {
  if (!line.trim() || line.startsWith('//')) continue;
  const j = JSON.parse(line);
  if (j.kind !== 'finding') continue;
  const t = judged.get(j.rule) ?? { tp: 0, all: 0 };
  t.all++;
  if (j.verdict === 'TP') t.tp++;
  judged.set(j.rule, t);
}
console.log('| rule | category | severity | CWE | quick fix | reported | judged true on real code |');
console.log('|---|---|---|---|---|---|---|');
for (const [id, r] of [...rules].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  // SQL findings leave the audit suite when the spliced value comes from the request (requestTaint.ts).
  const audit = r.category === 'sql' ? 'audit; default from request input' : 'audit only';
  const reported = r.audit ? (r.always ? 'partly audit' : audit) : 'always';
  const j = judged.get(id);
  console.log(`| \`${id}\` | ${r.category} | ${[...r.severity].join(', ')} | ${[...r.cwe].map((c) => `CWE-${c}`).join(', ')} | ${r.fix ? 'yes' : '—'} | ${reported} | ${j ? `${j.tp}/${j.all}` : '—'} |`);
}
console.log(`\n${rules.size} finding rules.`);

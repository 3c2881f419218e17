/**
 * Decides whether string text looks like SQL. Strings are only code-relevant for the `sql` and
 * `transactions` categories, so this must reject prose ("Select an item from the list") while
 * accepting real statements in any case.
 */
/**
 * The statements looksLikeSql accepts: each leading keyword with what must follow it. The keyword
 * list (SQL_STATEMENT_KEYWORDS) is what the rule query prefilter looks for after a quote.
 */
const STATEMENT_FORMS: readonly (readonly [keyword: string, rest: string])[] = [
  ['with', String.raw`\s+\w+\s+as\s*\(`],
  // A subquery condition built on its own, `exists (select 1 from %s where … name = '%s')` (round 109,
  // argo-workflows' label selectors: user label values spliced into quotes, unmarked).
  ['exists', String.raw`\s*\(\s*select\s+[\s\S]+?\s+from\s+[\w."` + '`' + String.raw`[$@{%?]`],
  ['not', String.raw`\s+exists\s*\(\s*select\s+[\s\S]+?\s+from\s+[\w."` + '`' + String.raw`[$@{%?]`],
  ['select', String.raw`\s+[\s\S]+?\s+from\s+[\w."` + '`' + String.raw`[$@{%?]`],
  ['select', String.raw`\s+(?:\d|\*|count\s*\(|1\b)`],
  ['insert', String.raw`\s+into\s+[\w."` + '`' + String.raw`[$@{%?]`],
  ['update', String.raw`\s+[\w."` + '`' + String.raw`[$@{%?][\w."` + '`' + String.raw`\]]*\s+set\s`],
  ['delete', String.raw`\s+from\s+[\w."` + '`' + String.raw`[$@{%?]`],
  ['merge', String.raw`\s+into\s`],
  ['upsert', String.raw`\s+into\s`],
  ['replace', String.raw`\s+into\s`],
  ['create', String.raw`\s+(?:unique\s+)?(?:table|index|view|schema)\s`],
  ['alter', String.raw`\s+table\s`],
  ['drop', String.raw`\s+(?:table|index|view)\s`],
  ['truncate', String.raw`\s+(?:table\s+)?[\w."` + '`' + String.raw`]`],
  ['begin', String.raw`(?:\s+transaction|\s+work)?\s*;?\s*$`],
  ['start', String.raw`\s+transaction`],
  ['commit', String.raw`\s*;?\s*$`],
  ['rollback', String.raw`\s*;?\s*$`],
  ['savepoint', String.raw`\s`],
  ['set', String.raw`\s+transaction\s`],
  // Postgres transaction-scoped settings: `SET LOCAL lock_timeout = '15s'`, `SET LOCAL role TO x`.
  // (Not one set from an interpolated value: SET takes no bind parameters, so that is the only way.)
  ['set', String.raw`\s+local\s+[\w."]+\s*(?:=|\sto\s)(?!\s*\?)`],
  ['lock', String.raw`\s+table\s`],
  // Accounts and privileges (round 92: 1Panel's `create user %s identified by '%s'`, Archery's
  // `ALTER USER … IDENTIFIED BY …`): who may log in to the database and what they may do.
  // The account's name is followed by its options or ends the statement: "Create user %s in the
  // panel first" is prose.
  ['create', String.raw`\s+(?:user|role|database)\s+(?:if\s+not\s+exists\s+)?\S+(?:\s*;?\s*$|\s+(?:identified|with|password|login|nologin|superuser|owner|character|default|encoding|template)\b)`],
  ['alter', String.raw`\s+(?:user|role)\s+(?:if\s+exists\s+)?\S+\s+(?:identified|with|password|set|rename|account|valid|login|nologin|superuser|nosuperuser|require|default)\b`],
  ['drop', String.raw`\s+(?:user|role|database)\s+(?:if\s+exists\s+)?[^\s;]+(?:\s*,\s*[^\s;]+)*\s*(?:cascade\s*)?;?\s*$`],
  ['grant', String.raw`\s+[\w\s,()]+?\s+(?:on|to)\s`],
  ['revoke', String.raw`\s+[\w\s,()]+?\s+(?:on|from)\s`],
  ['set', String.raw`\s+password\s`],
  // A database switched by name, the whole statement (`f"use {db_name}"`: Archery's engines).
  ['use', String.raw`\s+[\w"\[\]?.` + '`' + String.raw`]+\s*;?\s*$`],
];

/** Keywords that can start a statement looksLikeSql accepts, in STATEMENT_FORMS order. */
export const SQL_STATEMENT_KEYWORDS: readonly string[] = [...new Set(STATEMENT_FORMS.map(([k]) => k))];

const STATEMENT = new RegExp(String.raw`^\s*(?:\(\s*)?(?:${STATEMENT_FORMS.map(([k, rest]) => k + rest).join('|')})`, 'i');

/** Markers that only appear in SQL, used when keywords are not uppercase. */
const SQL_MARKERS = /\bwhere\b|\bjoin\b|\bgroup\s+by\b|\border\s+by\b|\blimit\b|\bvalues\s*\(|\$\d|\?|%s|%\(\w+\)s|:\w+|\*|,|=|\bset\b|\bfor\s+update\b|;\s*$|\binto\b/i;

/** Clauses only SQL has, for text whose casing says prose. */
const STRONG_SQL_MARKERS = /\bwhere\s+[\w."`]+\s*(=|<|>|!=|\bin\b|\blike\b|\bis\b)|\bjoin\s+[\w."`]+\s+on\b|\bgroup\s+by\b|\border\s+by\b|\bvalues\s*\(|\$\d|%s|%\(\w+\)s/i;

// (Round 91, postgres-meta: a script of several statements between `BEGIN;` and `COMMIT;`, sent as
// one string, `BEGIN; ${tableSql} ${commentSql} COMMIT;`, is one transaction as much as the calls.)
export const TRANSACTION_SQL =
  /^\s*(?:begin(?:\s+transaction|\s+work)?\s*;[\s\S]*\b(?:commit|end|rollback)\s*;?\s*$|begin(?:\s+transaction|\s+work|\s+isolation\s+level\b.*)?\s*;?\s*$|start\s+transaction\b|commit\b|rollback\b|savepoint\s|release\s+savepoint\s|set\s+(?:session\s+characteristics\s+as\s+)?transaction\s+isolation\s+level\b)|\bfor\s+(?:no\s+key\s+)?update\b(?:\s+(?:nowait|skip\s+locked))?\s*;?\s*$|\bfor\s+share\b/i;

/** Strips quotes, string prefixes and interpolations from a string literal's source text. */
export function stringContent(literal: string): string {
  let text = literal;
  const prefix = /^[rRbBuUfF]{0,3}("""|'''|"|'|`)/.exec(text);
  if (prefix) {
    const quote = prefix[1] ?? '';
    text = text.slice(prefix[0].length);
    if (text.endsWith(quote)) text = text.slice(0, text.length - quote.length);
  }
  // Interpolations (`${x}`, `{x}`) become a placeholder token that reads as a value.
  return text.replace(/\$\{[^}]*\}/g, '?').replace(/\{[^{}]*\}/g, '?');
}

export function looksLikeSql(content: string): boolean {
  const text = content.trim();
  if (text.length < 6) return false;
  const match = STATEMENT.exec(text);
  if (!match) return false;
  const keyword = (/^\s*\(?\s*(\w+)/.exec(text)?.[1] ?? '');
  // Uppercase keywords are a strong signal; lowercase needs a second SQL-only marker.
  if (keyword === keyword.toUpperCase()) return true;
  const rest = text.slice(keyword.length + (text.indexOf(keyword)));
  // A capitalised first word is a sentence ("Insert into message", "Delete from history", "Update
  // from version 1.5 to 2.0": round 69, Misago's button title): the words of the form alone, `into`
  // or `from`, do not make it SQL; a clause only SQL has must follow.
  if (/^[A-Z][a-z]+$/.test(keyword)) return STRONG_SQL_MARKERS.test(rest);
  return SQL_MARKERS.test(rest) || /^\s*(begin|commit|rollback)\b/i.test(text);
}

export function looksLikeTransactionSql(content: string): boolean {
  return TRANSACTION_SQL.test(content.trim());
}

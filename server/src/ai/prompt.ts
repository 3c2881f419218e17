/**
 * The chat-completions request for a second opinion: system and user messages, and the JSON
 * schema the answer must follow (`response_format`). Built only from an AiContext, which holds
 * redacted text, so what is previewed is exactly what is sent.
 */
import { describeRedactions, type AiContext, type Snippet } from '../../../common/src/ai';
import { CATEGORIES } from '../../../common/src/categories';

export { describeRedactions } from '../../../common/src/ai';

export const FINDINGS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['findings'],
  properties: {
    findings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['severity', 'line', 'message'],
        properties: {
          severity: { type: 'string', enum: ['P0', 'P1', 'P2'], description: 'P0 exploitable or critical, P1 serious, P2 minor or hardening' },
          line: { type: 'integer', description: '1-based line number in the file, as shown in the left margin' },
          message: { type: 'string', description: 'The problem and how to fix it, one or two sentences' },
        },
      },
    },
  },
} as const;

export const RESPONSE_FORMAT = {
  type: 'json_schema',
  json_schema: { name: 'guardrail_findings', strict: true, schema: FINDINGS_SCHEMA },
} as const;

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** The body of POST /chat/completions, as sent (minus `stream`, which the client sets). */
export interface ReviewRequestBody {
  model: string;
  messages: ChatMessage[];
  response_format?: typeof RESPONSE_FORMAT;
}

export const SYSTEM_PROMPT = [
  'You are a senior security reviewer giving a second opinion on security-sensitive code that an automated guardrail flagged for mandatory human review.',
  'Report concrete problems only: vulnerabilities, incorrect security checks, race conditions, error-handling mistakes that weaken security, and misuse of libraries. Do not report style.',
  'Severities: P0 = exploitable or critical (fix before merging), P1 = serious bug or missing security check, P2 = minor issue or hardening.',
  'Use the 1-based line numbers shown in the left margin (they are the line numbers in the file). Point at the line the problem is on, inside "Code under review" where possible.',
  'Placeholders such as <redacted:jwt-key#1 len=24> stand for string values removed before sending: the kind says what the value is used as (jwt-key, hmac-key, cipher-key, password, api-key, token, …; "string" is a literal withheld only because it is not obviously code) and len its length. You may say that a secret is hard-coded or too short; never guess a value.',
  'Your answer is advice to the human reviewer, who decides: never state that the code is approved or safe to merge.',
  'Answer with JSON matching the given schema: {"findings": [{"severity": "P0", "line": 12, "message": "..."}]}, or {"findings": []} when you find nothing.',
  'If you cannot produce JSON, write one finding per line in the form: [P0] path:line — message',
].join('\n');

/** What is withheld, said in every request (and so in every preview). */
export const REDACTION_POLICY =
  'String literals that are not obviously code were withheld: secrets found by their role (the key argument of a signing, MAC, cipher or password API, and what it is built from), by the name they are given and by their format, and every other literal except SQL, format strings, messages, identifiers, paths and URLs.';

/** Numbered lines: `  17 | code`, with `…` where lines are left out. */
export function renderSnippet(snippet: Snippet): string {
  const width = String(snippet.lines[snippet.lines.length - 1]?.n ?? 1).length;
  const out: string[] = [];
  let prev: number | undefined;
  for (const { n, text } of snippet.lines) {
    if (prev !== undefined && n > prev + 1) out.push(`${' '.repeat(width)} | …`);
    out.push(`${String(n).padStart(width)} | ${text}`);
    prev = n;
  }
  return out.join('\n');
}

const FENCE_LANG: Record<string, string> = { go: 'go', python: 'python', typescript: 'ts', tsx: 'tsx', javascript: 'js' };

function fenced(language: string, body: string): string {
  const fence = body.includes('```') ? '~~~~' : '```';
  return `${fence}${FENCE_LANG[language] ?? ''}\n${body}\n${fence}`;
}

export function buildUserMessage(ctx: AiContext): string {
  const parts: string[] = [];
  const cats = ctx.categories.map((c) => `${c} (${CATEGORIES[c].title})`).join(', ');
  parts.push(`File: ${ctx.path} (${ctx.language})`);
  parts.push(
    `Guardrail region: ${ctx.symbol}, lines ${ctx.startLine}-${ctx.endLine}; categories: ${cats}; tier: ${ctx.tier === 'do-not-trust' ? 'do not trust AI-written code here' : 'review carefully'}.`,
  );
  if (ctx.triggers.length > 0) parts.push(`Flagged by: ${ctx.triggers.map((t) => `${t.rule} (line ${t.line})`).join(', ')}`);
  for (const c of ctx.categories) {
    const info = CATEGORIES[c];
    parts.push(`\nWhat a reviewer must check for ${c}:\n${info.checklist.map((item) => `- ${item}`).join('\n')}`);
  }
  if (ctx.imports.lines.length > 0) parts.push(`\nImports:\n${fenced(ctx.language, renderSnippet(ctx.imports))}`);
  if (ctx.enclosingType) parts.push(`\nEnclosing type ${ctx.enclosingType.name} (summary):\n${fenced(ctx.language, renderSnippet(ctx.enclosingType.snippet))}`);
  const shownEnd = ctx.code.lines[ctx.code.lines.length - 1]?.n ?? ctx.endLine;
  parts.push(`\nCode under review (lines ${ctx.startLine}-${shownEnd}${ctx.truncated ? `, truncated: the region ends at line ${ctx.endLine}` : ''}):\n${fenced(ctx.language, renderSnippet(ctx.code))}`);
  parts.push(`\n${REDACTION_POLICY} ${describeRedactions(ctx.redactions)}`);
  parts.push(`\nList the problems in the code under review with severity P0/P1/P2, the line in ${ctx.path} and a short message.`);
  return parts.join('\n');
}

export function buildReviewRequest(ctx: AiContext, model: string, options: { structured?: boolean } = {}): ReviewRequestBody {
  return {
    model,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: buildUserMessage(ctx) },
    ],
    ...(options.structured === false ? {} : { response_format: RESPONSE_FORMAT }),
  };
}

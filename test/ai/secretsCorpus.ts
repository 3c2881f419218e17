/**
 * The secrets corpus (test/fixtures/secrets/): one small source file per shape in which a secret
 * can appear near guarded code. Each file starts with header comments:
 *
 *   // shape: what the shape is
 *   // secret: a value that must never reach the endpoint, nor any 8-character piece of it
 *   // keep: a look-alike that must reach the endpoint unchanged (SQL, a log message, "HS256"…)
 *
 * `runCorpus` sends every guardrail region of every file through the real path (the engine,
 * buildAiContext, buildReviewRequest, requestReview over HTTP to a server on 127.0.0.1) and
 * checks what arrived. Used by test/ai/secretsCorpus.test.ts and `npm run secrets`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { requestReview } from '../../server/src/ai/client';
import { contextAtLine } from '../../server/src/ai/context';
import { buildReviewRequest } from '../../server/src/ai/prompt';
import type { AiContext } from '../../common/src/ai';
import type { GuardrailEngine } from '../../server/src/engine/engine';
import { languageForPath, type LanguageId } from '../../server/src/engine/languages';
import type { FakeOpenAi } from './fakeOpenAi';

export interface SecretShape {
  /** Path relative to the corpus folder, forward slashes. */
  file: string;
  language: LanguageId;
  text: string;
  description: string;
  secrets: string[];
  keep: string[];
}

export interface ShapeResult {
  shape: SecretShape;
  /** Secrets that arrived whole. */
  leaked: string[];
  /** Secrets of which an 8-character piece arrived (but not the whole). */
  partly: string[];
  /** Look-alikes that did not arrive unchanged. */
  overRedacted: string[];
  /** Fixture errors: no region, or a secret on no line that is sent (so the shape tests nothing). */
  problems: string[];
  /** The user messages sent, one per region. */
  sent: string[];
}

/** Shortest piece of a secret that counts as a partial leak. */
export const PIECE = 8;

const HEADER = /^\s*(?:\/\/|#)\s*(shape|secret|keep):\s?(.*)$/;

export function parseShape(file: string, text: string): SecretShape {
  const language = languageForPath(file);
  if (!language) throw new Error(`${file}: not a Go, Python, TypeScript or JavaScript file`);
  const shape: SecretShape = { file, language, text, description: '', secrets: [], keep: [] };
  for (const line of text.split('\n')) {
    const m = HEADER.exec(line);
    if (!m) break;
    const value = m[2] ?? '';
    if (m[1] === 'shape') shape.description = value;
    else if (m[1] === 'secret') shape.secrets.push(value);
    else shape.keep.push(value);
  }
  if (shape.secrets.length === 0 && shape.keep.length === 0) throw new Error(`${file}: no "secret:" or "keep:" header`);
  return shape;
}

export function loadShapes(dir: string): SecretShape[] {
  const out: SecretShape[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (languageForPath(full)) out.push(parseShape(path.relative(dir, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8')));
    }
  };
  walk(dir);
  return out;
}

/** The pieces of `secret` that count as a leak: the whole, then every PIECE-character window. */
export function leakOf(secret: string, sent: string): 'full' | 'partly' | undefined {
  if (sent.includes(secret)) return 'full';
  for (let i = 0; i + PIECE <= secret.length; i++) if (sent.includes(secret.slice(i, i + PIECE))) return 'partly';
  return undefined;
}

function sentLines(ctx: AiContext): Set<number> {
  return new Set([...ctx.code.lines, ...ctx.imports.lines, ...(ctx.enclosingType?.snippet.lines ?? [])].map((l) => l.n));
}

/** Sends every region of every shape to `server` and reports what arrived. */
export async function runCorpus(engine: GuardrailEngine, server: FakeOpenAi, shapes: SecretShape[]): Promise<ShapeResult[]> {
  const results: ShapeResult[] = [];
  for (const shape of shapes) {
    const problems: string[] = [];
    const { analysis } = engine.analyze(shape.text, shape.language);
    const starts = [...new Set(analysis.regions.map((r) => r.span.start.line))];
    if (starts.length === 0) problems.push('no guardrail region');
    const sent: string[] = [];
    const lines = new Set<number>();
    for (const line of starts) {
      const { context } = contextAtLine(engine, { text: shape.text, language: shape.language, path: shape.file, line });
      if (!context) continue;
      for (const n of sentLines(context)) lines.add(n);
      const before = server.requests.length;
      await requestReview({ baseUrl: server.baseUrl, apiKey: 'corpus-key', timeoutMs: 30000 }, buildReviewRequest(context, 'corpus-model'));
      const req = server.requests[before];
      if (!req) throw new Error(`${shape.file}: no request arrived`);
      const messages = (req.body.messages as { content: string }[] | undefined) ?? [];
      sent.push(messages.map((m) => m.content).join('\n') + '\n' + req.raw);
    }
    const all = sent.join('\n');
    const original = shape.text.split('\n');
    const leaked: string[] = [];
    const partly: string[] = [];
    for (const secret of shape.secrets) {
      const onSentLine = original.some((l, i) => lines.has(i + 1) && (l.includes(secret) || leakOf(secret, l) !== undefined));
      if (!onSentLine) problems.push(`secret ${JSON.stringify(secret)} is on no line that is sent`);
      const leak = leakOf(secret, all);
      if (leak === 'full') leaked.push(secret);
      else if (leak === 'partly') partly.push(secret);
    }
    const overRedacted = shape.keep.filter((k) => !all.includes(k));
    results.push({ shape, leaked, partly, overRedacted, problems, sent });
  }
  return results;
}

export function summarize(results: ShapeResult[]): string {
  const leaked = results.filter((r) => r.leaked.length > 0).length;
  const partly = results.filter((r) => r.leaked.length === 0 && r.partly.length > 0).length;
  const keeps = results.reduce((n, r) => n + r.shape.keep.length, 0);
  const over = results.reduce((n, r) => n + r.overRedacted.length, 0);
  return `secrets: ${results.length} shapes, ${leaked} leaked, ${partly} partly; look-alikes: ${keeps - over} of ${keeps} kept`;
}

/** One line per shape that leaked, was over-redacted or is broken. */
export function details(results: ShapeResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    const what = [
      ...r.leaked.map((s) => `leaked ${JSON.stringify(s)}`),
      ...r.partly.map((s) => `partly ${JSON.stringify(s)}`),
      ...r.overRedacted.map((s) => `redacted look-alike ${JSON.stringify(s)}`),
      ...r.problems,
    ];
    if (what.length > 0) out.push(`${r.shape.file} (${r.shape.description}): ${what.join('; ')}`);
  }
  return out;
}

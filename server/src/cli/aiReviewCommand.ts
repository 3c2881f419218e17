/**
 * `ai-guardrails ai-review <path>:<line>`: an AI second opinion on one guardrail region, for CI
 * bots and scripts. Advice only: it never changes review status.
 *
 * Exit codes: 0 the endpoint answered (with or without findings), 2 usage, file or configuration
 * error (including "not inside a guardrail region"), 3 AI endpoint error (401/403, 404, 429, 5xx,
 * unreachable, timeout, malformed answer), 130 interrupted.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_TIMEOUT_MS, previewRequest } from '../ai/preview';
import { contextAtLine, describeRegions } from '../ai/context';
import { buildReviewRequest, describeRedactions } from '../ai/prompt';
import { AiError, DEFAULT_BASE_URL, DEFAULT_MODEL, type AiContext, type AiReviewResult, type EndpointConfig, type Provider } from '../../../common/src/ai';
import { GuardrailEngine, pathsFromRoot } from '../engine/engine';
import { toPosix } from '../engine/files';
import { languageForPath } from '../engine/languages';
import { defaultSettings, enabledCategories, readTeamConfig } from '../settings';
import { parseArgs, UsageError } from './args';
import type { CliContext } from './scanCommand';

export const AI_REVIEW_USAGE = `usage: ai-guardrails ai-review <path>:<line> [--model M] [--format text|json] [--no-stream] [--preview]
  Asks an OpenAI-compatible endpoint for a second opinion on the guardrail region covering <line>
  (1-based). Advice only: it never approves or changes review status. Secrets are redacted first.
  environment: OPENAI_BASE_URL (default ${DEFAULT_BASE_URL}), OPENAI_API_KEY (optional for localhost),
    AI_GUARDRAILS_AI_MODEL (default ${DEFAULT_MODEL}), AI_GUARDRAILS_AI_TIMEOUT_MS (default ${DEFAULT_TIMEOUT_MS}),
    OPENAI_API_VERSION and AI_GUARDRAILS_AI_PROVIDER=azure for Azure OpenAI
  --preview prints the request that would be sent (key masked) and sends nothing
  exit codes: 0 answered, 2 usage/file/configuration error, 3 AI endpoint error`;

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
export const EXIT_AI = 3;
export const EXIT_INTERRUPTED = 130;

/** `src/a.go:12` → path and 1-based line (the last colon splits, so `C:\\x.go:3` works). */
export function parseTarget(target: string): { file: string; line: number } {
  const i = target.lastIndexOf(':');
  const file = i > 0 ? target.slice(0, i) : '';
  const lineText = i > 0 ? target.slice(i + 1) : '';
  if (!file || !/^\d+$/.test(lineText) || Number(lineText) < 1) {
    throw new UsageError(`expected <path>:<line> with a 1-based line, not ${JSON.stringify(target)}`);
  }
  return { file, line: Number(lineText) };
}

function envConfig(env: NodeJS.ProcessEnv): EndpointConfig {
  const timeoutText = env.AI_GUARDRAILS_AI_TIMEOUT_MS;
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (timeoutText !== undefined && timeoutText !== '') {
    timeoutMs = Number(timeoutText);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new UsageError(`AI_GUARDRAILS_AI_TIMEOUT_MS must be a positive whole number of milliseconds, not ${JSON.stringify(timeoutText)}`);
  }
  const provider = (env.AI_GUARDRAILS_AI_PROVIDER ?? 'auto') as Provider;
  if (!['auto', 'openai', 'azure'].includes(provider)) throw new UsageError('AI_GUARDRAILS_AI_PROVIDER must be auto, openai or azure');
  return {
    baseUrl: env.OPENAI_BASE_URL || DEFAULT_BASE_URL,
    ...(env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY } : {}),
    provider,
    ...(env.OPENAI_API_VERSION ? { azureApiVersion: env.OPENAI_API_VERSION } : {}),
    ...(env.AZURE_OPENAI_DEPLOYMENT ? { azureDeployment: env.AZURE_OPENAI_DEPLOYMENT } : {}),
    timeoutMs,
    organization: env.OPENAI_ORG_ID || null,
    project: env.OPENAI_PROJECT_ID || null,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function toText(context: AiContext, result: AiReviewResult): string {
  const out: string[] = [];
  out.push(
    `AI second opinion (advisory, not a review) from ${result.model} on ${context.categories.join(', ')} region ${context.symbol}, ${context.path}:${context.startLine}-${context.endLine}`,
  );
  for (const f of result.findings) out.push(`${context.path}:${f.line}: [${f.severity}] ${f.message}`);
  const counts = (['P0', 'P1', 'P2'] as const).map((s) => `${result.findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  out.push(`${plural(result.findings.length, 'finding')} (${counts}). A human reviewer still has to approve this region.`);
  if (context.redactions.length > 0) out.push(`Before sending: ${describeRedactions(context.redactions)}`);
  return `${out.join('\n')}\n`;
}

export async function runAiReview(argv: string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, ['model', 'format'], ['no-stream', 'preview', 'help']);
  if (args.flags.has('help')) {
    ctx.stdout(`${AI_REVIEW_USAGE}\n`);
    return EXIT_OK;
  }
  const format = args.options.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not ${JSON.stringify(format)}`);
  if (args.positionals.length !== 1) throw new UsageError('ai-review takes exactly one <path>:<line>');
  const target = parseTarget(args.positionals[0] ?? '');
  const model = args.options.get('model') || process.env.AI_GUARDRAILS_AI_MODEL || DEFAULT_MODEL;
  const config = envConfig(process.env);
  const fail = (code: number, message: string): number => {
    ctx.stderr(`ai-guardrails: ai-review: ${message}\n`);
    return code;
  };

  const file = path.resolve(ctx.cwd, target.file);
  const rel = toPosix(path.relative(ctx.cwd, file)) || path.basename(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return fail(EXIT_USAGE, `no such file: ${target.file}`);
  }
  if (!stat.isFile()) return fail(EXIT_USAGE, `not a file: ${target.file}`);
  const language = languageForPath(file);
  if (!language) return fail(EXIT_USAGE, `${target.file}: not a Go, Python, TypeScript or JavaScript file`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return fail(EXIT_USAGE, `cannot read ${target.file}: ${(err as Error).message}`);
  }
  const lineCount = text.split('\n').length;
  if (target.line > lineCount) return fail(EXIT_USAGE, `${rel} has ${plural(lineCount, 'line')}; line ${target.line} is past the end`);

  const team = readTeamConfig(ctx.cwd, defaultSettings());
  for (const p of team.problems) ctx.stderr(`ai-guardrails: warning: ${p}\n`);
  const engine = await GuardrailEngine.create(pathsFromRoot(ctx.root), [language]);
  let found;
  try {
    found = contextAtLine(engine, { text, language, path: rel, line: target.line - 1, categories: enabledCategories(team.settings) });
  } finally {
    engine.dispose();
  }
  const context = found.context;
  if (!context) {
    return fail(EXIT_USAGE, `${rel}:${target.line} is not inside a guardrail region (${rel}: ${describeRegions(found.regions)})`);
  }

  const body = buildReviewRequest(context, model);
  const stream = !args.flags.has('no-stream');
  if (args.flags.has('preview')) {
    let preview;
    try {
      preview = previewRequest(config, body, stream);
    } catch (err) {
      return fail(EXIT_USAGE, (err as Error).message);
    }
    ctx.stdout(`${JSON.stringify(preview, null, 2)}\n`);
    return EXIT_OK;
  }

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    // Loaded here, not at the top: the openai SDK is a third of the CLI bundle (scripts/build.js).
    const { requestReview } = await import('../ai/client');
    const result = await requestReview(config, body, { signal: controller.signal, stream });
    if (format === 'json') {
      ctx.stdout(`${JSON.stringify({ model: result.model, advisory: true, findings: result.findings }, null, 2)}\n`);
    } else {
      ctx.stdout(toText(context, result));
    }
    return EXIT_OK;
  } catch (err) {
    if (!(err instanceof AiError)) throw err;
    if (err.kind === 'config') return fail(EXIT_USAGE, `${err.message}${/API key/.test(err.message) ? ' (set OPENAI_API_KEY)' : ''}`);
    if (err.kind === 'cancelled') return fail(EXIT_INTERRUPTED, 'interrupted');
    return fail(EXIT_AI, `${err.kind}: ${err.message}`);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

import * as fs from 'fs';
import * as path from 'path';

import { GuardrailEngine, pathsFromRoot, preferQuickStart } from '../engine/engine';
import { checkText, displayPath, listSourceFiles, toPosix, type Skipped } from '../engine/files';
import { languageForPath } from '../engine/languages';
import { incompleteFiles, scanText } from '../engine/scanFile';
import { findingFingerprints } from '../review/gate';
import { scanProject, type ScanOptions } from '../engine/scanner';
import type { ScannedFile } from '../engine/scanProtocol';
import type { Span } from '../engine/types';
import type { Region } from '../engine/types';
import type { ReviewStatus } from '../../../common/src/protocol';
import { LedgerError, readLedger, reviewState, type LedgerData } from '../review/ledger';
import { defaultSettings, enabledCategories, readTeamConfig, walkFilters, type GuardrailSettings } from '../settings';
import { parseArgs, UsageError } from './args';
import { colourer, emit } from './output';
import { cliSettings } from './teamSettings';
import { findWorkspaceRoot } from './workspaceRoot';

export interface CliContext {
  root: string;
  version: string;
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stdout is a terminal (colours). */
  isTty?: boolean;
  /** Whether stdin is a terminal (approvals need a human at one); defaults to process.stdin. */
  stdinIsTty?: boolean;
  /** CLAUDE_PROJECT_DIR of the agent that called a hook (the hook server serves many). */
  projectDir?: string;
  /** Reads all of stdin (tests pass their own). */
  readStdin?: () => Promise<Buffer>;
  /**
   * An engine a long-lived process (the hook server) keeps between commands, its queries compiled
   * once; a plain CLI run creates its own for the run.
   */
  engine?: () => Promise<GuardrailEngine>;
}

/**
 * The options of a project scan by `scan` or `check`: the engine the context keeps when it has one
 * (the hook server's, queries compiled once), else a quick-start engine for this run.
 */
export async function projectScanOptions(ctx: CliContext, settings: GuardrailSettings, extra: Partial<ScanOptions> = {}): Promise<ScanOptions> {
  const kept = settings.enable && ctx.engine ? await ctx.engine() : undefined;
  return {
    root: ctx.root,
    ...(kept ? { engine: kept } : { quickStart: true }),
    maxBytes: settings.maxFileSizeKb * 1024,
    categories: enabledCategories(settings),
    ...(settings.auditFindings ? { auditFindings: true } : {}),
    ...(settings.includeTests ? { includeGenerated: true } : {}),
    ...extra,
  };
}

interface JsonPosition {
  line: number;
  column: number;
}

/** 0-based LSP positions → 1-based lines and columns, as every CLI user expects. */
export function oneBased(span: Span): { start: JsonPosition; end: JsonPosition } {
  return {
    start: { line: span.start.line + 1, column: span.start.character + 1 },
    end: { line: span.end.line + 1, column: span.end.character + 1 },
  };
}

export const SCAN_USAGE = `usage: ai-guardrails scan [paths...] [--format text|json|sarif] [-o FILE] [--quiet] [--fail-on error|warning|unreviewed]
                         [--config PATH] [--no-gitignore] [--include-tests] [--audit] [--workers N] [--stats]
       ai-guardrails scan --stdin-filename PATH < source      analyse one file read from stdin, named PATH
  --format sarif         SARIF 2.1.0 for code scanning (findings, and regions as notes/warnings)
  -o, --output FILE      write the report to FILE instead of stdout
  --quiet                print nothing but errors (the exit code still tells)
  --config PATH          team config file (default: .guardrails/config.json found from the scanned path upward)
  --include-tests        also analyse test, fixture, seed, example, migration and generated code (left out by default)
  --audit                also report low-confidence (audit) findings
  --fail-on error        exit 1 when an error-level finding is present
  --fail-on warning      … or a warning-level finding
  --fail-on unreviewed   … or a region that is not approved or suppressed (unreviewed, requested, stale)
  Findings waived with \`ai-guardrails-ignore-finding <rule>: <reason>\` are counted (and listed in SARIF
  as suppressed), never failed on.
  exit 2 when a file could not be analysed (parser fault, over its time/size budget, unreadable)`;

const FAIL_LEVELS = ['error', 'warning', 'unreviewed'] as const;
type FailLevel = (typeof FAIL_LEVELS)[number];
const FORMATS = ['text', 'json', 'sarif'] as const;

export async function runScan(argv: string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, ['format', 'workers', 'fail-on', 'o', 'output', 'config', 'stdin-filename'], ['no-gitignore', 'help', 'stats', 'include-tests', 'audit', 'quiet']);
  if (args.flags.has('help')) {
    ctx.stdout(`${SCAN_USAGE}\n`);
    return 0;
  }
  const format = args.options.get('format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be ${FORMATS.join(', ')}, not ${JSON.stringify(format)}`);
  const failOn = args.options.get('fail-on');
  if (failOn !== undefined && !(FAIL_LEVELS as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_LEVELS.join(', ')}`);
  }
  const workersOpt = args.options.get('workers');
  const workers = workersOpt === undefined ? undefined : Number(workersOpt);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) throw new UsageError('--workers must be a whole number');
  const stdinName = args.options.get('stdin-filename');
  if (stdinName !== undefined && args.positionals.length > 0) throw new UsageError('--stdin-filename reads one file from stdin; give no paths with it');
  const outFile = args.options.get('o') ?? args.options.get('output');

  const targets = stdinName !== undefined ? [path.resolve(ctx.cwd, stdinName)] : (args.positionals.length > 0 ? args.positionals : ['.']).map((p) => path.resolve(ctx.cwd, p));
  if (stdinName === undefined) {
    for (const t of targets) {
      if (!fs.existsSync(t)) throw new UsageError(`no such file or directory: ${path.relative(ctx.cwd, t) || t}`);
    }
  }
  // Config and ledger belong to the scanned code: found from the first target upward.
  const workspace = findWorkspaceRoot(startDir(targets[0]!));
  const settings = cliSettings(ctx, args.options.get('config'), () => readTeamConfig(workspace, defaultSettings()));
  if (args.flags.has('include-tests')) settings.includeTests = true;
  if (args.flags.has('audit')) settings.auditFindings = true;
  const started = performance.now();
  let scanned: ScannedFile[];
  let stdinText: string | undefined;
  if (stdinName !== undefined) {
    const one = settings.enable ? await scanStdin(ctx, targets[0]!, settings) : undefined;
    scanned = one ? [one.scanned] : [];
    stdinText = one?.text;
  } else {
    const files = listSourceFiles(targets, {
      root: ctx.cwd,
      ...walkFilters(settings),
      gitignore: !args.flags.has('no-gitignore'),
      workspace,
      warn: (message) => ctx.stderr(`ai-guardrails: warning: ${message}\n`),
    });
    scanned = settings.enable
      ? (await scanProject(files, await projectScanOptions(ctx, settings, workers !== undefined ? { workers } : {}))).scanned
      : [];
  }
  const millis = performance.now() - started;
  if (args.flags.has('stats')) {
    const lines = scanned.reduce((n, s) => n + s.lines, 0);
    const rssMb = process.resourceUsage().maxRSS / 1024;
    ctx.stderr(
      `stats: ${scanned.length} files, ${lines} lines in ${(millis / 1000).toFixed(2)} s = ${Math.round(lines / (millis / 1000))} lines/s, peak RSS ${rssMb.toFixed(0)} MB (all threads)\n`,
    );
  }
  const rel = (f: string) => toPosix(path.relative(ctx.cwd, f)) || path.basename(f);
  let ledger: LedgerData | undefined;
  try {
    ledger = readLedger(workspace);
  } catch (err) {
    if (!(err instanceof LedgerError)) throw err;
    ctx.stderr(`ai-guardrails: warning: ${err.message}; review statuses are shown as unreviewed\n`);
  }
  const review: ReviewOf = (file, r) => {
    if (r.suppression) return 'suppressed';
    if (!ledger) return 'unreviewed';
    return reviewState(ledger, { category: r.category, fingerprint: r.fingerprint, path: toPosix(path.relative(workspace, file)), symbol: r.symbol }).status;
  };
  if (!args.flags.has('quiet') || outFile !== undefined) {
    let body: string;
    if (format === 'json') body = `${JSON.stringify(toJson(scanned, rel, ctx.version, review), null, 2)}\n`;
    else if (format === 'sarif') body = sarifOf(await loadSarif(), scanned, workspace, ctx.version, review, stdinText);
    else body = toText(scanned, (f) => displayPath(rel(f)), millis, review, colourer(ctx));
    emit(ctx, body, outFile);
  }
  if (failOn && shouldFail(scanned, review, failOn as FailLevel)) return 1;
  return reportIncomplete(scanned, rel, ctx.stderr) ? 2 : 0;
}

/**
 * A scan that could not analyse some files (parser fault, budget, I/O) must not pass as clean:
 * names them on stderr and returns true (exit 2). Binary and too-large files are skipped by design
 * and do not count. A reached `--fail-on` threshold still exits 1: it holds whatever the rest says.
 */
export function reportIncomplete(scanned: ScannedFile[], rel: (f: string) => string, stderr: (s: string) => void): boolean {
  const missing = incompleteFiles(scanned);
  if (missing.length === 0) return false;
  const list = missing.map((s) => `  ${rel(s.file)}: ${s.skipped?.reason}: ${s.skipped?.message}`).join('\n');
  stderr(`ai-guardrails: error: ${missing.length} file(s) could not be analysed, so the results are incomplete:\n${list}\n`);
  return true;
}

function startDir(target: string): string {
  try {
    return fs.statSync(target).isDirectory() ? target : path.dirname(target);
  } catch {
    return path.dirname(target);
  }
}

/** One file from stdin (editors' "lint on type" integrations, pre-commit on staged content). */
async function scanStdin(ctx: CliContext, file: string, settings: GuardrailSettings): Promise<{ scanned: ScannedFile; text?: string }> {
  const language = languageForPath(file);
  if (!language) throw new UsageError(`--stdin-filename: not a Go, Python, TypeScript or JavaScript file name: ${path.basename(file)}`);
  const buffer = await (ctx.readStdin ?? readAllStdin)();
  const read = checkText(buffer);
  const skipped = (s: Skipped): { scanned: ScannedFile } => ({ scanned: { file, language, lines: 0, skipped: s, regions: [], findings: [], hasSyntaxErrors: false } });
  if ('skipped' in read) return skipped(read.skipped);
  if (buffer.length > settings.maxFileSizeKb * 1024) {
    return skipped({ reason: 'too-large', message: `${Math.round(buffer.length / 1024)} KB exceeds maxFileSizeKb (${settings.maxFileSizeKb})` });
  }
  if (!ctx.engine) preferQuickStart();
  const engine = ctx.engine ? await ctx.engine() : await GuardrailEngine.create(pathsFromRoot(ctx.root), [language]);
  try {
    return { scanned: scanText(engine, file, read.text, enabledCategories(settings), { auditFindings: settings.auditFindings, includeGenerated: settings.includeTests }), text: read.text };
  } finally {
    if (!ctx.engine) engine.dispose();
  }
}

function readAllStdin(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

/** SARIF with paths relative to the workspace (the repository root in CI), as code scanning expects. */
function sarifOf(toSarif: SarifWriter, scanned: ScannedFile[], workspace: string, version: string, review: ReviewOf, stdinText: string | undefined): string {
  const wsRel = (f: string) => toPosix(path.relative(workspace, f));
  const findings = scanned.flatMap((s) => {
    const all = [...s.findings, ...(s.suppressedFindings ?? [])];
    if (all.length === 0) return [];
    const text = stdinText ?? fs.readFileSync(s.file, 'utf8');
    return findingFingerprints(text, all).map((k) => ({ path: wsRel(s.file), finding: k.finding, fingerprint: k.fingerprint }));
  });
  const regions = scanned.flatMap((s) => s.regions.map((region) => ({ path: wsRel(s.file), region, status: review(s.file, region) })));
  return toSarif(version, regions, findings);
}

type ReviewOf = (file: string, region: Region) => ReviewStatus;

/** The SARIF writer and its builder library, loaded only for `--format sarif` (its own file in the bundled CLI). */
export type SarifWriter = typeof import('./sarif').toSarif;
export async function loadSarif(): Promise<SarifWriter> {
  return (await import('./sarif')).toSarif;
}

function shouldFail(scanned: ScannedFile[], review: ReviewOf, level: FailLevel): boolean {
  for (const s of scanned) {
    for (const f of s.findings) {
      if (f.severity === 'error') return true;
      if (f.severity === 'warning' && level !== 'error') return true;
    }
    if (level === 'unreviewed') {
      for (const r of s.regions) {
        const status = review(s.file, r);
        if (status !== 'approved' && status !== 'suppressed') return true;
      }
    }
  }
  return false;
}

export function toJson(scanned: ScannedFile[], rel: (f: string) => string, version: string, review: ReviewOf) {
  return {
    tool: 'ai-guardrails',
    version,
    files: scanned.map((s) => ({
      path: rel(s.file),
      language: s.language,
      skipped: s.skipped,
      ...(s.hasSyntaxErrors ? { syntaxErrors: true } : {}),
    })),
    regions: scanned.flatMap((s) =>
      s.regions.map((r) => ({
        id: r.id,
        path: rel(s.file),
        category: r.category,
        tier: r.tier,
        symbol: r.symbol,
        ...oneBased(r.span),
        fingerprint: r.fingerprint,
        triggers: r.triggers.map((t) => ({ rule: t.rule, ...oneBased(t.span) })),
        review: review(s.file, r),
        ...(r.suppression ? { suppression: { reason: r.suppression.reason, line: r.suppression.line + 1 } } : {}),
      })),
    ),
    findings: scanned.flatMap((s) =>
      s.findings.map((f) => ({
        rule: f.rule,
        category: f.category,
        severity: f.severity,
        cwe: f.cwe,
        path: rel(s.file),
        ...oneBased(f.span),
        message: f.message,
        fixAvailable: f.fix !== undefined,
      })),
    ),
  };
}

function toText(scanned: ScannedFile[], rel: (f: string) => string, millis: number, review: ReviewOf, colour: ReturnType<typeof colourer>): string {
  const out: string[] = [];
  let regions = 0;
  let lines = 0;
  let doNotTrust = 0;
  let generated = 0;
  for (const s of scanned) {
    lines += s.lines;
    if (s.skipped?.reason === 'generated') {
      generated++; // one summary line below: a generated client or ORM can be hundreds of files
      continue;
    }
    if (s.skipped) {
      out.push(`${rel(s.file)}: skipped (${s.skipped.reason}): ${s.skipped.message}`);
      continue;
    }
    for (const r of s.regions) {
      regions++;
      if (r.tier === 'do-not-trust' && !r.suppression) doNotTrust++;
      const first = r.triggers[0];
      const at = first ? first.span.start : r.span.start;
      const label = review(s.file, r);
      const status = r.suppression ? `suppressed: ${r.suppression.reason}` : label;
      out.push(
        `${rel(s.file)}:${at.line + 1}:${at.character + 1}: ${r.tier === 'do-not-trust' ? colour('DO NOT TRUST', 'red') : colour('review', 'yellow')} ` +
          `${r.category} in ${r.symbol} (${first?.rule ?? ''}${r.triggers.length > 1 ? `, +${r.triggers.length - 1} more` : ''}) [${status}]`,
      );
    }
  }
  let findings = 0;
  let suppressed = 0;
  for (const s of scanned) {
    for (const f of s.findings) {
      findings++;
      const severity = f.severity === 'error' ? colour('error', 'red') : f.severity === 'warning' ? colour('warning', 'yellow') : f.severity;
      out.push(`${rel(s.file)}:${f.span.start.line + 1}:${f.span.start.character + 1}: ${severity}: ${f.message} [${f.rule}, CWE-${f.cwe}${f.fix ? ', fix available' : ''}]`);
    }
    suppressed += s.suppressedFindings?.length ?? 0;
  }
  const skipped = scanned.filter((s) => s.skipped).length;
  if (generated > 0) out.push(`${generated} generated file(s) left out: their headers say a tool wrote them (--include-tests analyses them; --format json lists them)`);
  out.push(
    `${scanned.length} files (${skipped} skipped), ${lines} lines, ${regions} regions (${doNotTrust} do-not-trust), ${findings} findings${suppressed > 0 ? ` (${suppressed} suppressed)` : ''} in ${(millis / 1000).toFixed(2)}s`,
  );
  return `${out.join('\n')}\n`;
}

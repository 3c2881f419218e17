import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { displayPath, toPosix } from '../engine/files';
import { languageForPath } from '../engine/languages';
import { closePool, scanProject, type WorkerPool } from '../engine/scanner';
import type { ScannedFile } from '../engine/scanProtocol';
import { AGENT_NAMES, agentEditedRegions, journalKey, readJournal } from '../agents/journal';
import { compareRevisions, findingFingerprints, hasApproval, type ChangedRegion, type FailOn, type RevisionFile } from '../review/gate';
import { LEDGER_PATH, LedgerError, emptyLedger, readLedger, type LedgerData } from '../review/ledger';
import { defaultSettings, readTeamConfigFile, TEAM_CONFIG_PATH, walkFilters, type GuardrailSettings } from '../settings';
import { parseArgs, UsageError } from './args';
import { checkMarkdown, checkText, type CheckMeta } from './checkReport';
import { blobRev, changedPaths, commitsTouching, GitError, gitTopLevel, listDir, mergeBase, readBlobs, resolveCommit, type HeadSide } from './git';
import { colourer, emit } from './output';
import { loadSarif, projectScanOptions, type CliContext } from './scanCommand';
import { cliSettings } from './teamSettings';
import { findWorkspaceRoot } from './workspaceRoot';

export const CHECK_USAGE = `usage: ai-guardrails check --base <ref> [--head <ref> | --staged] [--fail-on do-not-trust|review|finding|none]
                          [--format text|markdown|json|sarif] [-o FILE] [--summary FILE] [--sarif FILE] [--config PATH] [--include-tests] [--quiet]
  Compares the working tree (or --head, or with --staged the index, for pre-commit hooks) with the
  merge base of --base and reports every guarded region whose code changed (new, changed, moved
  and changed), with its review status at the head.
  --fail-on do-not-trust  exit 1 when a changed do-not-trust region is not approved for its new code (default)
  --fail-on review        … or any changed guarded region (both tiers)
  --fail-on finding       … or a new finding that is not suppressed (comma-separate to combine: do-not-trust,finding)
  --fail-on none          report only
  --summary FILE          also write the Markdown summary (e.g. "$GITHUB_STEP_SUMMARY"; appended to)
  --sarif FILE            also write the SARIF report (for code scanning upload)
  --config PATH           team config to use (default: .guardrails/config.json at the merge base,
                          so a change cannot relax its own gate)
  Exit codes: 0 passed, 1 failed, 2 usage or git error (e.g. the base is missing from a shallow clone).`;

const FAIL_ON = ['do-not-trust', 'review', 'finding', 'none'] as const;

interface Revision {
  /** Where the files of this revision are on disk (the work tree, or a temporary copy). */
  dir: string;
  files: string[];
  ledger: LedgerData;
}

export async function runCheck(argv: string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, ['base', 'head', 'fail-on', 'format', 'o', 'output', 'summary', 'sarif', 'config', 'workers'], ['help', 'include-tests', 'quiet', 'audit', 'staged']);
  if (args.flags.has('help')) {
    ctx.stdout(`${CHECK_USAGE}\n`);
    return 0;
  }
  const base = args.options.get('base');
  if (!base) throw new UsageError('check needs --base <ref> (the branch the change will merge into, e.g. origin/main)');
  if (args.positionals.length > 0) throw new UsageError(`check takes no paths (it compares revisions): ${args.positionals.join(' ')}`);
  const format = args.options.get('format') ?? 'text';
  if (!['text', 'markdown', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, markdown, json or sarif, not ${JSON.stringify(format)}`);
  const failOnNames = (args.options.get('fail-on') ?? 'do-not-trust').split(',').map((s) => s.trim());
  for (const f of failOnNames) if (!(FAIL_ON as readonly string[]).includes(f)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not ${JSON.stringify(f)}`);
  const failOn = new Set(failOnNames.filter((f): f is FailOn => f !== 'none'));
  const outFile = args.options.get('o') ?? args.options.get('output');

  const started = performance.now();
  let top: string;
  let baseCommit: string;
  let head: HeadSide;
  let mb: string;
  try {
    top = fs.realpathSync(gitTopLevel(ctx.cwd));
    baseCommit = resolveCommit(top, base);
    const headRef = args.options.get('head');
    if (headRef && args.flags.has('staged')) throw new UsageError('--staged compares the index; it cannot be combined with --head');
    head = headRef ? { kind: 'commit', sha: resolveCommit(top, headRef) } : args.flags.has('staged') ? { kind: 'index' } : { kind: 'worktree' };
    mb = mergeBase(top, baseCommit, head.kind === 'commit' ? head.sha : resolveCommit(top, 'HEAD'));
  } catch (err) {
    if (err instanceof GitError) {
      ctx.stderr(`ai-guardrails check: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  // The ledger's folder: the nearest .guardrails (or the repository top).
  const workspace = fs.realpathSync(findWorkspaceRoot(ctx.cwd));
  const wsPrefix = toPosix(path.relative(top, workspace));
  const inWorkspace = (p: string) => wsPrefix === '' || p.startsWith(`${wsPrefix}/`);
  const toWs = (p: string) => (wsPrefix === '' ? p : p.slice(wsPrefix.length + 1));

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-guardrails-check-'));
  const pool: WorkerPool = { workers: [] };
  try {
    const changed = changedPaths(top, mb, head);
    const settings = loadSettings(ctx, args.options.get('config'), top, mb, wsPrefix, tmp);
    if (args.flags.has('include-tests')) settings.includeTests = true;
    if (args.flags.has('audit')) settings.auditFindings = true;
    const filters = walkFilters(settings);
    const wanted = (p: string) => inWorkspace(p) && languageForPath(p) !== undefined && !filters.isExcluded(toWs(p)) && !(filters.isTestCode?.(toWs(p)) ?? false);
    const basePaths = changed.base.filter(wanted);
    const headPaths = changed.head.filter(wanted);

    const baseRev = materialize(top, mb, basePaths, path.join(tmp, 'base'), wsPrefix);
    const headRev: Revision =
      head.kind === 'worktree'
        ? { dir: top, files: headPaths.filter((p) => isRegularFile(path.join(top, p))), ledger: readLedger(workspace) }
        : materialize(top, blobRev(head), headPaths, path.join(tmp, 'head'), wsPrefix);

    const scanOptions = await projectScanOptions(ctx, settings, {
      pool,
      ...(args.options.has('workers') ? { workers: Number(args.options.get('workers')) } : {}),
    });
    const scan = async (rev: Revision) => (settings.enable ? (await scanProject(rev.files.map((p) => path.join(rev.dir, p)), scanOptions)).scanned : []);
    const baseScanned = await scan(baseRev);
    const headScanned = await scan(headRev);

    const skipped: CheckMeta['skipped'] = [];
    const toRevisionFiles = (rev: Revision, scanned: ScannedFile[], noteSkips: boolean): RevisionFile[] =>
      scanned.map((s) => {
        const rel = toPosix(path.relative(rev.dir, s.file));
        if (s.skipped && noteSkips) skipped.push({ path: rel, reason: `${s.skipped.reason}: ${s.skipped.message}` });
        const text = s.findings.length + (s.suppressedFindings?.length ?? 0) > 0 ? fs.readFileSync(s.file, 'utf8') : '';
        return { path: toWs(rel), regions: s.regions, findings: findingFingerprints(text, [...s.findings, ...(s.suppressedFindings ?? [])]) };
      });
    const report = compareRevisions(toRevisionFiles(baseRev, baseScanned, false), toRevisionFiles(headRev, headScanned, true), { base: baseRev.ledger, head: headRev.ledger }, failOn);
    if (head.kind !== 'commit') markAgentEdits(report.changed, workspace);
    attributeApprovals(report.approvalsAdded, top, mb, head.kind === 'commit' ? head.sha : undefined, wsPrefix);
    // Size and binary skips are by design; a file whose analysis failed leaves the gate unable to vouch.
    const failedFiles = skipped.filter((s) => !/^(too-large|binary|not-a-file):/.test(s.reason));
    if (failedFiles.length > 0 && failOn.size > 0) report.failed = true;

    const meta: CheckMeta = {
      base,
      mergeBase: mb,
      head: head.kind === 'commit' ? (args.options.get('head') ?? head.sha) : head.kind === 'index' ? 'staged changes' : 'working tree',
      filesAnalysed: headRev.files.length,
      skipped,
      failOn: [...failOn],
      millis: performance.now() - started,
    };
    const markdown = checkMarkdown(report, meta);
    const summary = args.options.get('summary');
    if (summary) fs.appendFileSync(path.resolve(ctx.cwd, summary), markdown);
    const sarif = async () =>
      (await loadSarif())(
        ctx.version,
        report.changed.map((c) => ({ path: wsRelToTop(c.path, wsPrefix), region: c.region, status: c.status, change: c.change })),
        report.findings.map((f) => ({ path: wsRelToTop(f.path, wsPrefix), finding: f.finding, fingerprint: f.fingerprint })),
      );
    const sarifFile = args.options.get('sarif');
    if (sarifFile) emit(ctx, await sarif(), sarifFile);
    if (!args.flags.has('quiet') || outFile) {
      const body =
        format === 'markdown'
          ? markdown
          : format === 'json'
            ? `${JSON.stringify({ tool: 'ai-guardrails', version: ctx.version, ...meta, ...report }, null, 2)}\n`
            : format === 'sarif'
              ? await sarif()
              : checkText(
                  { ...report, changed: report.changed.map((c) => ({ ...c, path: displayPath(c.path) })) },
                  { ...meta, skipped: meta.skipped.map((s) => ({ ...s, path: displayPath(s.path) })) },
                  colourer(ctx),
                );
      emit(ctx, body, outFile);
    }
    return report.failed ? 1 : 0;
  } catch (err) {
    if (err instanceof GitError || err instanceof LedgerError) {
      ctx.stderr(`ai-guardrails check: ${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    await closePool(pool);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Local runs: which changed regions an agent wrote, from the hooks' journal (agents/journal.ts). */
function markAgentEdits(changed: ChangedRegion[], workspace: string): void {
  const edited = agentEditedRegions(readJournal(workspace));
  for (const c of changed) {
    const e = edited.get(journalKey(c.region.category, c.path, c.region.fingerprint));
    if (e) c.editedBy = `${AGENT_NAMES[e.agent]} (agent)`;
  }
}

function wsRelToTop(p: string, wsPrefix: string): string {
  return wsPrefix === '' ? p : `${wsPrefix}/${p}`;
}

function isRegularFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Settings from `--config`, else from the team config at the merge base: like CODEOWNERS, the
 * gate's rules come from the branch being merged into, so a change cannot relax its own check.
 */
function loadSettings(ctx: CliContext, configPath: string | undefined, top: string, mb: string, wsPrefix: string, tmp: string): GuardrailSettings {
  return cliSettings(ctx, configPath, () => {
    const rel = wsPrefix === '' ? toPosix(TEAM_CONFIG_PATH) : `${wsPrefix}/${toPosix(TEAM_CONFIG_PATH)}`;
    const blob = readBlobs(top, mb, [rel]).get(rel);
    if (!blob) return { settings: defaultSettings(), problems: [] };
    const file = path.join(tmp, 'config.json');
    fs.writeFileSync(file, blob);
    const team = readTeamConfigFile(file, defaultSettings());
    return { ...team, problems: team.problems.map((p) => p.replace(file, `${rel} at ${mb.slice(0, 12)}`)) };
  });
}

/**
 * Writes the files of `rev` that `check` analyses into `dir`, plus the other Go files of their
 * packages (package constants are read from sibling files) and the ledger.
 */
function materialize(top: string, rev: string, paths: string[], dir: string, wsPrefix: string): Revision {
  const extra = new Set<string>();
  for (const p of paths) {
    if (!p.endsWith('.go')) continue;
    for (const sibling of listDir(top, rev, path.posix.dirname(p))) if (sibling.endsWith('.go')) extra.add(sibling);
  }
  const ledgerRel = wsPrefix === '' ? toPosix(LEDGER_PATH) : `${wsPrefix}/${toPosix(LEDGER_PATH)}`;
  const blobs = readBlobs(top, rev, [...new Set([...paths, ...extra, ledgerRel])]);
  const files: string[] = [];
  for (const [p, content] of blobs) {
    const target = path.join(dir, ...p.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  for (const p of paths) if (blobs.has(p)) files.push(p);
  let ledger = emptyLedger();
  if (blobs.has(ledgerRel)) ledger = readLedger(wsPrefix === '' ? dir : path.join(dir, ...wsPrefix.split('/')));
  return { dir, files, ledger };
}

/** Names the authors of the commits that added each approval (the ledger's `by` is self-reported). */
function attributeApprovals(approvals: ReturnType<typeof compareRevisions>['approvalsAdded'], top: string, mb: string, head: string | undefined, wsPrefix: string): void {
  if (approvals.length === 0) return;
  const ledgerRel = wsPrefix === '' ? toPosix(LEDGER_PATH) : `${wsPrefix}/${toPosix(LEDGER_PATH)}`;
  const commits = commitsTouching(top, mb, head ?? 'HEAD', ledgerRel);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-guardrails-ledger-'));
  try {
    for (const commit of commits) {
      const blob = readBlobs(top, commit.sha, [ledgerRel]).get(ledgerRel);
      if (!blob) continue;
      fs.mkdirSync(path.join(tmp, '.guardrails'), { recursive: true });
      fs.writeFileSync(path.join(tmp, LEDGER_PATH), blob);
      let data: LedgerData;
      try {
        data = readLedger(tmp);
      } catch {
        continue;
      }
      for (const a of approvals) {
        if (a.committedBy === undefined && hasApproval(data, a)) a.committedBy = [commit.author];
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CATEGORIES, type CategoryId, type Tier } from '../engine/categories';
import { GuardrailEngine, pathsFromRoot } from '../engine/engine';
import { checkText, toPosix } from '../engine/files';
import { languageForPath, type LanguageId } from '../engine/languages';
import { analyzeOnce } from '../engine/document';
import type { Region } from '../engine/types';
import { LedgerError, readLedger, reviewState, type LedgerData } from '../review/ledger';
import { defaultSettings, enabledCategories, isPathExcluded, readTeamConfig, type GuardrailSettings } from '../settings';

/**
 * What a proposed edit does to guarded code: the file is analysed as it is and as it would be,
 * and every guarded region whose code would be new or different is reported with its review
 * status. Shared by the agent hooks and the MCP server, which both answer before an edit lands.
 */

export interface TouchedRegion {
  category: CategoryId;
  tier: Tier;
  symbol: string;
  /** 1-based lines in the new content (for removed regions: in the old). */
  startLine: number;
  endLine: number;
  fingerprint: string;
  change: 'new' | 'changed' | 'removed';
  /** Review status of the new code: only an approval of exactly this fingerprint counts. */
  status: 'approved' | 'requested' | 'stale' | 'unreviewed' | 'suppressed';
  checklist: string[];
}

export interface EditImpact {
  /** Workspace-relative path, forward slashes. */
  path: string;
  touched: TouchedRegion[];
}

export class ImpactError extends Error {}

/** Engines per package root, kept for the life of the process (MCP server, hook batches). */
const engines = new Map<string, Promise<GuardrailEngine>>();

export function engineFor(root: string, language: LanguageId): Promise<GuardrailEngine> {
  const key = `${root}\u0000${language}`;
  let engine = engines.get(key);
  if (!engine) {
    engine = GuardrailEngine.create(pathsFromRoot(root), [language]);
    engines.set(key, engine);
  }
  return engine;
}

export interface WorkspaceFile {
  workspace: string;
  /** Absolute, real path. */
  file: string;
  rel: string;
  language: LanguageId;
}

/** The real path of `p`, or for a file about to be created, of its folder; undefined when neither resolves. */
export function realOrParent(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
    } catch {
      return undefined;
    }
  }
}

/**
 * Resolves `file` (absolute, or relative to `cwd`) inside `workspace`. Undefined for files the
 * guardrail does not cover: outside the workspace (also through links), other languages,
 * excluded or test code.
 */
export function workspaceFile(workspace: string, cwd: string, file: string, settings: GuardrailSettings): WorkspaceFile | undefined {
  const ws = realOrParent(workspace);
  const abs = realOrParent(path.resolve(cwd, file));
  if (!ws || !abs) return undefined;
  const rel = path.relative(ws, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const language = languageForPath(abs);
  if (!language) return undefined;
  const posix = toPosix(rel);
  if (isPathExcluded(settings, posix)) return undefined;
  return { workspace: ws, file: abs, rel: posix, language };
}

export function teamSettings(workspace: string): GuardrailSettings {
  return readTeamConfig(workspace, defaultSettings()).settings;
}

/** The file's text, '' when it does not exist yet; undefined when it is binary or unreadable. */
export function readText(file: string): string | undefined {
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? '' : undefined;
  }
  const read = checkText(buffer);
  return 'skipped' in read ? undefined : read.text;
}

/**
 * Recent analyses by file, text and categories: in the hook server, the "before" of an edit is
 * usually the "after" of the previous one, so each edit costs one analysis, not two.
 */
const recent = new Map<string, Region[]>();
const RECENT_MAX = 32;

export async function analyzeText(root: string, wf: WorkspaceFile, text: string, settings: GuardrailSettings): Promise<Region[]> {
  const categories = enabledCategories(settings);
  const key = `${wf.file}\u0000${[...categories].join(',')}\u0000${createHash('sha256').update(text).digest('hex')}`;
  const hit = recent.get(key);
  if (hit) {
    recent.delete(key);
    recent.set(key, hit);
    return hit;
  }
  const engine = await engineFor(root, wf.language);
  const regions = analyzeOnce(engine, wf.file, wf.language, text, { categories, packageFiles: true }).regions;
  recent.set(key, regions);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
  return regions;
}

/** The workspace's ledger; undefined when it is malformed (statuses then read as unreviewed). */
export function ledgerOf(workspace: string): LedgerData | undefined {
  try {
    return readLedger(workspace);
  } catch (err) {
    if (err instanceof LedgerError) return undefined;
    throw err;
  }
}

function touchedRegion(r: Region, change: TouchedRegion['change'], status: TouchedRegion['status']): TouchedRegion {
  return {
    category: r.category,
    tier: r.tier,
    symbol: r.symbol,
    startLine: r.span.start.line + 1,
    endLine: r.span.end.line + 1,
    fingerprint: r.fingerprint,
    change,
    status,
    checklist: CATEGORIES[r.category].checklist,
  };
}

/** Regions of `after` whose code is not in `before` (and regions of `before` that are gone). */
export function compareRegions(rel: string, before: Region[], after: Region[], ledger: LedgerData | undefined): TouchedRegion[] {
  const key = (r: Region) => `${r.category}\u0000${r.fingerprint}`;
  const pool = new Map<string, number>();
  for (const r of before) pool.set(key(r), (pool.get(key(r)) ?? 0) + 1);
  const touched: TouchedRegion[] = [];
  const matchedBefore = new Set<Region>();
  for (const r of after) {
    const n = pool.get(key(r)) ?? 0;
    if (n > 0) {
      pool.set(key(r), n - 1);
      const same = before.find((b) => !matchedBefore.has(b) && key(b) === key(r));
      if (same) matchedBefore.add(same);
      continue;
    }
    const prior = before.find((b) => !matchedBefore.has(b) && b.category === r.category && b.symbol === r.symbol);
    if (prior) matchedBefore.add(prior);
    const state = ledger ? reviewState(ledger, { category: r.category, fingerprint: r.fingerprint, path: rel, symbol: r.symbol }).status : 'unreviewed';
    touched.push(touchedRegion(r, prior ? 'changed' : 'new', r.suppression && prior?.suppression ? 'suppressed' : state));
  }
  for (const b of before) if (!matchedBefore.has(b)) touched.push(touchedRegion(b, 'removed', 'unreviewed'));
  return touched;
}

/** The impact of replacing the file's content with `after`. */
export async function editImpact(root: string, wf: WorkspaceFile, before: string, after: string, settings: GuardrailSettings): Promise<EditImpact> {
  const [was, will] = [await analyzeText(root, wf, before, settings), await analyzeText(root, wf, after, settings)];
  return { path: wf.rel, touched: compareRegions(wf.rel, was, will, ledgerOf(wf.workspace)) };
}

/** Whether a touched region needs a human before an agent's edit may land. */
export function needsHuman(t: TouchedRegion): boolean {
  return t.status !== 'approved' && t.status !== 'suppressed';
}

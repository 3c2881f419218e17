import * as fs from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import { languageForPath } from './languages';

/**
 * Why a file was not analysed. `binary` and `too-large` are by design (not source code to
 * review); `unreadable` (I/O), `analysis-failed` (the parser faulted or threw) and `budget`
 * (over its time or syntax-node budget, budget.ts) mean code that should have been analysed was
 * not: `scan` then exits non-zero (incompleteFiles).
 */
export type SkipReason = 'binary' | 'too-large' | 'unreadable' | 'analysis-failed' | 'budget';

export interface Skipped {
  reason: SkipReason;
  message: string;
}

export type SourceRead = { text: string; bytes: number } | { skipped: Skipped };

/** Reads a source file, refusing binary, oversized and unreadable files with a reason. */
export function readSource(file: string, maxBytes: number): SourceRead {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (err) {
    return { skipped: { reason: 'unreadable', message: `cannot stat: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` } };
  }
  if (size > maxBytes) {
    return {
      skipped: {
        reason: 'too-large',
        message: `${Math.ceil(size / 1024)} KB exceeds the ${Math.floor(maxBytes / 1024)} KB limit (maxFileSizeKb)`,
      },
    };
  }
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (err) {
    return { skipped: { reason: 'unreadable', message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` } };
  }
  return checkText(buffer);
}

export function checkText(buffer: Buffer): SourceRead {
  const probe = buffer.subarray(0, 8000);
  if (probe.includes(0)) return { skipped: { reason: 'binary', message: 'contains NUL bytes (binary file)' } };
  return { text: buffer.toString('utf8'), bytes: buffer.length };
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

interface IgnoreLevel {
  dir: string;
  rules: Ignore;
}

function loadIgnore(dir: string, extraFiles: string[] = []): Ignore | undefined {
  let found = false;
  const rules = ignore();
  for (const name of ['.gitignore', ...extraFiles]) {
    try {
      rules.add(fs.readFileSync(path.join(dir, name), 'utf8'));
      found = true;
    } catch {
      // no ignore file here
    }
  }
  return found ? rules : undefined;
}

export interface WalkOptions {
  /** Workspace root: relative paths and the exclude globs are computed from here. */
  root: string;
  /** Returns true for root-relative (posix) paths to leave out. */
  isExcluded: (relPath: string) => boolean;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /**
   * Returns true for test code to leave out, given the path relative to the folder being
   * walked (so naming a folder inside `tests/` explicitly still scans it).
   */
  isTestCode?: (relPath: string) => boolean;
}

function ignoredBy(levels: IgnoreLevel[], abs: string, isDir: boolean): boolean {
  for (const level of levels) {
    const rel = toPosix(path.relative(level.dir, abs));
    if (!rel || rel.startsWith('..')) continue;
    if (level.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * Lists supported source files under `targets` (files or folders), respecting nested
 * `.gitignore` files, `.git/info/exclude` and the exclude globs. Explicitly named files are
 * always returned when supported, as git does for tracked files.
 */
export function listSourceFiles(targets: string[], options: WalkOptions): string[] {
  const out: string[] = [];
  const useGitignore = options.gitignore !== false;
  const rootLevels: IgnoreLevel[] = [];
  if (useGitignore) {
    // Ignore files from the root down to each target apply too.
    const rootRules = loadIgnore(options.root, [path.join('.git', 'info', 'exclude')]);
    if (rootRules) rootLevels.push({ dir: options.root, rules: rootRules });
  }
  /** Lists `dir`; `loadOwn` adds the folder's own .gitignore (the root's is in rootLevels). */
  const visit = (dir: string, levels: IgnoreLevel[], loadOwn: boolean, base: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const own = useGitignore && loadOwn ? loadIgnore(dir) : undefined;
    const here = own ? [...levels, { dir, rules: own }] : levels;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const abs = path.join(dir, entry.name);
      const rel = toPosix(path.relative(options.root, abs));
      const isDir = entry.isDirectory();
      if (options.isExcluded(isDir ? `${rel}/` : rel) || options.isExcluded(rel)) continue;
      if (options.isTestCode) {
        const relToBase = toPosix(path.relative(base, abs));
        if (options.isTestCode(isDir ? `${relToBase}/` : relToBase)) continue;
      }
      if (ignoredBy(here, abs, isDir)) continue;
      if (isDir) visit(abs, here, true, base);
      else if ((entry.isFile() || entry.isSymbolicLink()) && languageForPath(entry.name)) out.push(abs);
    }
  };
  for (const target of targets) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      continue;
    }
    if (!stat.isDirectory()) {
      if (languageForPath(target)) out.push(target);
      continue;
    }
    if (target === options.root) {
      visit(target, rootLevels, false, target);
      continue;
    }
    // Ignore files in the folders between the root and the target apply to it too.
    const levels = [...rootLevels];
    const inside = !path.relative(options.root, target).startsWith('..');
    if (useGitignore && inside) {
      const parts = path.relative(options.root, target).split(path.sep).filter((p) => p.length > 0);
      let cur = options.root;
      for (const part of parts.slice(0, -1)) {
        cur = path.join(cur, part);
        const rules = loadIgnore(cur);
        if (rules) levels.push({ dir: cur, rules });
      }
    }
    visit(target, inside ? levels : [], true, target);
  }
  return [...new Set(out)];
}

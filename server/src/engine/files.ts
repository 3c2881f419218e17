import * as fs from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import { globProblem, quoteGlob } from './globCheck';
import { languageForPath } from './languages';
import { workspaceRelative } from './workspacePath';

/**
 * Why a file was not analysed. `binary` and `too-large` are by design (not source code to
 * review); `unreadable` (I/O), `analysis-failed` (the parser faulted or threw) and `budget`
 * (over its time or syntax-node budget, budget.ts) mean code that should have been analysed was
 * not: `scan` then exits non-zero (incompleteFiles).
 */
/**
 * `binary`, `too-large`, `not-a-file` (a FIFO, device or socket with a source name) and `generated`
 * (a generated-code header, generatedCode.ts; analysed with `includeTests`) are skipped by design.
 */
export type SkipReason = 'binary' | 'too-large' | 'not-a-file' | 'generated' | 'unreadable' | 'analysis-failed' | 'budget';

export interface Skipped {
  reason: SkipReason;
  message: string;
}

export type SourceRead = { text: string; bytes: number } | { skipped: Skipped };

function fileKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function unreadable(message: string): SourceRead {
  return { skipped: { reason: 'unreadable', message } };
}

/**
 * Reads a source file, refusing binary, oversized, unreadable and non-regular files with a
 * reason. The file is opened first and checked through its descriptor, so a FIFO does not block
 * the open (O_NONBLOCK), a device such as /dev/zero is refused rather than read until memory runs
 * out, and a file that grows after the check is still read only up to the limit.
 */
export function readSource(file: string, maxBytes: number): SourceRead {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return unreadable(`cannot open: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { skipped: { reason: 'not-a-file', message: `${fileKind(stat)}, not a regular file` } };
    const tooLarge = (size: number): SourceRead => ({
      skipped: { reason: 'too-large', message: `${Math.ceil(size / 1024)} KB exceeds the ${Math.floor(maxBytes / 1024)} KB limit (maxFileSizeKb)` },
    });
    if (stat.size > maxBytes) return tooLarge(stat.size);
    const cap = Math.floor(maxBytes) + 1;
    let buffer = Buffer.alloc(Math.min(cap, stat.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length >= cap) return tooLarge(length); // grew past the limit while we read
        const bigger = Buffer.alloc(Math.min(cap, length * 2));
        buffer.copy(bigger);
        buffer = bigger;
      }
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return checkText(buffer.subarray(0, length));
  } catch (err) {
    return unreadable(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  } finally {
    fs.closeSync(fd);
  }
}

export function checkText(buffer: Buffer): SourceRead {
  const probe = buffer.subarray(0, 8000);
  if (probe.includes(0)) return { skipped: { reason: 'binary', message: 'contains NUL bytes (binary file)' } };
  return { text: buffer.toString('utf8'), bytes: buffer.length };
}

/**
 * A file name for line-oriented output (text reports, logs): control characters, line and
 * paragraph separators and bidirectional overrides are escaped, so a name cannot start a line of
 * its own or disguise itself in a CI log. Backslashes are doubled, so the escapes are unambiguous.
 */
export function displayPath(p: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return p.replace(/[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

interface IgnoreLevel {
  dir: string;
  rules: Ignore;
}

/** Loads ignore files, leaving out (and reporting) patterns too long or too slow to match. */
function loadIgnore(dir: string, extraFiles: string[] = [], warn?: (message: string) => void): Ignore | undefined {
  let found = false;
  const rules = ignore();
  for (const name of ['.gitignore', ...extraFiles]) {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue; // no ignore file here
    }
    found = true;
    const lines = text.split(/\r?\n/);
    lines.forEach((line, i) => {
      const problem = line.startsWith('#') || line.trim() === '' ? undefined : globProblem(line, 'gitignore');
      if (problem) warn?.(`${file}:${i + 1}: pattern ${quoteGlob(line)} ${problem}; left out`);
      else rules.add(line);
    });
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
  /** The workspace symbolic links must stay in (default `root`). */
  workspace?: string;
  /** Told what the user should know: a link out of the workspace, a refused .gitignore pattern. */
  warn?: (message: string) => void;
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
  const workspace = options.workspace ?? options.root;
  const rootLevels: IgnoreLevel[] = [];
  if (useGitignore) {
    // Ignore files from the root down to each target apply too.
    const rootRules = loadIgnore(options.root, [path.join('.git', 'info', 'exclude')], options.warn);
    if (rootRules) rootLevels.push({ dir: options.root, rules: rootRules });
  }
  /** Lists `dir`; `loadOwn` adds the folder's own .gitignore (the root's is in rootLevels). */
  const visit = (dir: string, levels: IgnoreLevel[], loadOwn: boolean, base: string) => {
    let raw: fs.Dirent<Buffer>[];
    try {
      raw = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch {
      return;
    }
    // Names that are not valid UTF-8 cannot be opened through a string path: say so, once.
    const entries: { name: string; isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean }[] = [];
    for (const e of raw) {
      const name = e.name.toString('utf8');
      if (Buffer.from(name, 'utf8').equals(e.name)) {
        entries.push({ name, isDirectory: () => e.isDirectory(), isFile: () => e.isFile(), isSymbolicLink: () => e.isSymbolicLink() });
      } else if (e.isDirectory() || languageForPath(name)) {
        options.warn?.(`skipped ${displayPath(toPosix(path.relative(options.root, path.join(dir, name))))}: the name is not valid UTF-8`);
      }
    }
    const own = useGitignore && loadOwn ? loadIgnore(dir, [], options.warn) : undefined;
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
      else if (entry.isFile() && languageForPath(entry.name)) out.push(abs);
      else if (entry.isSymbolicLink() && languageForPath(entry.name)) {
        // A committed link may point anywhere: only files that really are in the workspace are read.
        const where = workspaceRelative(workspace, abs);
        if ('rel' in where) out.push(abs);
        else options.warn?.(`skipped ${displayPath(toPosix(path.relative(options.root, abs)))}: symbolic link: ${displayPath(where.outside)}`);
      }
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
        const rules = loadIgnore(cur, [], options.warn);
        if (rules) levels.push({ dir: cur, rules });
      }
    }
    visit(target, inside ? levels : [], true, target);
  }
  return [...new Set(out)];
}

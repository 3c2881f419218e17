import { execFileSync } from 'child_process';

/**
 * The few git plumbing calls `check` needs, run with real git (no library: the plumbing commands
 * below are stable interfaces, and a JS reimplementation of git would not see the user's
 * alternates, worktrees, partial clones or `safe.directory` rules).
 */
export class GitError extends Error {}

export function git(cwd: string, args: string[], input?: string): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(input !== undefined ? { input } : {}),
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string; status?: number };
    if (e.code === 'ENOENT') throw new GitError('git is not installed or not on PATH');
    const detail = (e.stderr ?? '').toString().trim().split('\n')[0] ?? '';
    throw new GitError(`git ${args[0] ?? ''} failed${detail ? `: ${detail}` : ''}`);
  }
}

export function gitTopLevel(cwd: string): string {
  try {
    return git(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    throw new GitError(`${cwd} is not inside a git repository (check compares git revisions)`);
  }
}

function isShallow(top: string): boolean {
  try {
    return git(top, ['rev-parse', '--is-shallow-repository']).trim() === 'true';
  } catch {
    return false;
  }
}

/** The commit a ref names, or a GitError that says what to fetch. */
export function resolveCommit(top: string, ref: string): string {
  try {
    return git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).trim();
  } catch {
    const hint = isShallow(top)
      ? `this is a shallow clone; fetch the base first, e.g. \`git fetch --depth=50 origin ${ref.replace(/^origin\//, '')}\` (or \`fetch-depth: 0\` in actions/checkout)`
      : `fetch it first, e.g. \`git fetch origin ${ref.replace(/^origin\//, '')}\``;
    throw new GitError(`unknown revision ${JSON.stringify(ref)}: ${hint}`);
  }
}

export function mergeBase(top: string, base: string, head: string): string {
  try {
    return git(top, ['merge-base', base, head]).trim();
  } catch {
    const hint = isShallow(top)
      ? 'the clone is too shallow to contain their common ancestor; run `git fetch --deepen=100` (or `git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout) and try again'
      : 'the two histories have no common ancestor';
    throw new GitError(`no merge base between ${base.slice(0, 12)} and ${head.slice(0, 12)}: ${hint}`);
  }
}

export interface ChangedPaths {
  /** Paths at the base revision that were modified, deleted or renamed away. */
  base: string[];
  /** Paths at the head (or in the working tree) that were added, modified or renamed to. */
  head: string[];
}

/** The head side of a comparison: a commit, the index (staged changes) or the working tree. */
export type HeadSide = { kind: 'commit'; sha: string } | { kind: 'index' } | { kind: 'worktree' };

/** The revision prefix for `<rev>:<path>` blob names (`:<path>` is the index). */
export function blobRev(head: HeadSide): string {
  return head.kind === 'commit' ? head.sha : '';
}

/**
 * Files that differ between `from` and the head side (for the working tree including untracked
 * files that are not ignored). NUL-separated output, so any file name works.
 */
export function changedPaths(top: string, from: string, headSide: HeadSide): ChangedPaths {
  const to = headSide.kind === 'commit' ? [headSide.sha] : headSide.kind === 'index' ? ['--cached'] : [];
  const out = git(top, ['diff', '--name-status', '-z', '-M', '--no-ext-diff', ...to, from, '--']);
  const fields = out.split('\0');
  const base: string[] = [];
  const head: string[] = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++];
    if (!status) continue;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = fields[i++]!;
      const to = fields[i++]!;
      if (status.startsWith('R')) base.push(from);
      head.push(to);
    } else {
      const p = fields[i++]!;
      if (status !== 'A') base.push(p);
      if (status !== 'D') head.push(p);
    }
  }
  if (headSide.kind === 'worktree') {
    for (const p of git(top, ['ls-files', '-z', '--others', '--exclude-standard']).split('\0')) if (p) head.push(p);
  }
  return { base, head };
}

/** Blob contents of `paths` at `rev` (missing paths are left out), in one `cat-file --batch`. */
export function readBlobs(top: string, rev: string, paths: string[]): Map<string, Buffer> {
  const result = new Map<string, Buffer>();
  // `--batch` reads one name per line (git 2.39 has no -z): names with a newline go one by one.
  for (const p of paths.filter((q) => q.includes('\n'))) {
    try {
      result.set(p, execFileSync('git', ['cat-file', 'blob', `${rev}:${p}`], { cwd: top, maxBuffer: 1024 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      // missing at this revision
    }
  }
  paths = paths.filter((q) => !q.includes('\n'));
  if (paths.length === 0) return result;
  let out: Buffer;
  try {
    out = execFileSync('git', ['cat-file', '--batch'], {
      cwd: top,
      input: paths.map((p) => `${rev}:${p}`).join('\n') + '\n',
      maxBuffer: 1024 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (err) {
    throw new GitError(`git cat-file failed: ${(err as Error).message}`);
  }
  let at = 0;
  for (const p of paths) {
    const nl = out.indexOf(10, at);
    if (nl === -1) break;
    const header = out.subarray(at, nl).toString('utf8');
    at = nl + 1;
    const m = / blob (\d+)$/.exec(header);
    if (!m) continue; // "<rev>:<path> missing", or not a blob
    const size = Number(m[1]);
    result.set(p, out.subarray(at, at + size));
    at += size + 1;
  }
  return result;
}

/** Paths of files directly inside `dir` at `rev` ('' for the index), for Go package siblings. */
export function listDir(top: string, rev: string, dir: string): string[] {
  const inRoot = dir === '' || dir === '.';
  if (rev === '') {
    const prefix = inRoot ? '' : `${dir}/`;
    return git(top, ['ls-files', '-z', '--', inRoot ? '.' : dir])
      .split('\0')
      .filter((p) => p.startsWith(prefix) && p.length > prefix.length && !p.slice(prefix.length).includes('/'));
  }
  const spec = inRoot ? rev : `${rev}:${dir}`;
  try {
    return git(top, ['ls-tree', '-z', '--name-only', spec])
      .split('\0')
      .filter(Boolean)
      .map((name) => (dir === '' || dir === '.' ? name : `${dir}/${name}`));
  } catch {
    return [];
  }
}

export interface Commit {
  sha: string;
  author: string;
}

/** Commits in `from..to` that touched `file`, oldest first. */
export function commitsTouching(top: string, from: string, to: string, file: string): Commit[] {
  return git(top, ['log', '--reverse', '--format=%H%x00%an <%ae>', `${from}..${to}`, '--', file])
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [sha, author] = line.split('\0');
      return { sha: sha!, author: author ?? '' };
    });
}

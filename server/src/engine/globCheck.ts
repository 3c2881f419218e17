import ignore from 'ignore';
import picomatch from 'picomatch';

/**
 * Bounds on exclude globs and .gitignore patterns, which come from the repository and so may be
 * hostile. Both picomatch and `ignore` compile patterns to backtracking regular expressions: a
 * pattern such as `**∕*a*a*a*a*a*a*b` or `**∕+(a|aa)+(a|aa)b` takes minutes on one matching file
 * name, and matching runs synchronously on the language server's main thread. No maintained
 * linear-time matcher (RE2 is native; re2js has no lookarounds, which picomatch's output uses)
 * fits, so each pattern is checked before use:
 * - length: at most MAX_GLOB_LENGTH characters (picomatch throws past 64 KB, `ignore` takes
 *   seconds to build the regex);
 * - complexity: no extglob quantifiers, at most 2 `*` runs in one path segment, at most 3 `**`
 *   (2 in .gitignore) and 6 `*` runs in all, at most 4 brace or parenthesis groups — the shapes
 *   whose cost grows as a power of the name length or path depth;
 * - time: the compiled pattern is tried on crafted long names and deep paths built from its own
 *   literal characters, and refused if one match takes longer than PROBE_LIMIT_MS.
 * A refused pattern is reported (by the caller, naming the file) and left out; the rest apply.
 */
export type GlobDialect = 'glob' | 'gitignore';

export const MAX_GLOB_LENGTH = 1024;
const MAX_STARS_PER_SEGMENT = 2;
/** `ignore` is slower than picomatch on `**` chains (270 ms for three on a 200-deep path). */
const MAX_GLOBSTARS: Record<GlobDialect, number> = { glob: 3, gitignore: 2 };
const MAX_STARS = 6;
const MAX_GROUPS = 4;
/** A safety net far above what patterns within the static bounds take (under 3 ms). */
const PROBE_LIMIT_MS = 50;

export const GLOB_OPTIONS = { dot: true, noextglob: true } as const;

function complexityProblem(glob: string, dialect: GlobDialect): string | undefined {
  if (dialect === 'glob' && /[@!+*?]\(/.test(glob)) return 'uses extglob syntax such as +(…), which is not supported';
  let stars = 0;
  let globstars = 0;
  for (const segment of glob.split('/')) {
    if (segment === '**') {
      globstars++;
      continue;
    }
    const runs = segment.match(/\*+/g)?.length ?? 0;
    if (runs > MAX_STARS_PER_SEGMENT) return `has ${runs} * wildcards in one path segment (at most ${MAX_STARS_PER_SEGMENT})`;
    stars += runs;
  }
  if (globstars > MAX_GLOBSTARS[dialect]) return `has ${globstars} ** wildcards (at most ${MAX_GLOBSTARS[dialect]})`;
  if (stars + globstars > MAX_STARS) return `has ${stars + globstars} * wildcards (at most ${MAX_STARS})`;
  const groups = dialect === 'glob' ? (glob.match(/[{(]/g)?.length ?? 0) : 0;
  if (groups > MAX_GROUPS) return `has ${groups} brace or parenthesis groups (at most ${MAX_GROUPS})`;
  return undefined;
}

/** Names and paths that make a backtracking pattern slow: long runs of its own literal characters. */
function probes(glob: string): string[] {
  const literals = [...new Set(glob.replace(/[*?{}[\]()|,!@+/\\]/g, ''))].slice(0, 4);
  if (literals.length === 0) literals.push('a');
  const joined = literals.join('');
  const out: string[] = [];
  for (const text of [...literals, joined]) {
    out.push(text.repeat(Math.ceil(250 / text.length)).slice(0, 250));
    out.push(Array.from({ length: 100 }, () => text).join('/'));
  }
  return out;
}

function compile(glob: string, dialect: GlobDialect): (p: string) => boolean {
  if (dialect === 'gitignore') {
    const rules = ignore().add(glob);
    return (p) => rules.ignores(p);
  }
  return picomatch(glob, GLOB_OPTIONS);
}

const checked = new Map<string, string | undefined>();

/** Why `glob` must not be used, or undefined when it is within bounds (memoized: the probe costs). */
export function globProblem(glob: string, dialect: GlobDialect = 'glob'): string | undefined {
  const key = `${dialect}:${glob}`;
  if (checked.has(key)) return checked.get(key);
  const problem = uncachedProblem(glob, dialect);
  if (checked.size > 10_000) checked.clear();
  checked.set(key, problem);
  return problem;
}

function uncachedProblem(glob: string, dialect: GlobDialect): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `is ${glob.length} characters long (at most ${MAX_GLOB_LENGTH})`;
  const complex = complexityProblem(glob, dialect);
  if (complex) return complex;
  let isMatch: (p: string) => boolean;
  try {
    isMatch = compile(glob, dialect);
  } catch (err) {
    return `is not a valid pattern (${(err as Error).message})`;
  }
  // Backtracking needs two unbounded wildcards to trade characters between; a pattern with at most
  // one `*` run (`node_modules/`, `*.log`, `/dist/**`) matches in linear time and is not timed,
  // which saves a .gitignore of ordinary lines ~30 ms of a short CLI run.
  if ((glob.match(/\*+/g)?.length ?? 0) <= 1) return undefined;
  const time = (probe: string): number => {
    const started = performance.now();
    try {
      isMatch(probe);
    } catch {
      return 0; // a probe the matcher refuses as a path (`ignore` rejects "./.")
    }
    return performance.now() - started;
  };
  for (const probe of probes(glob)) {
    // Timed twice before refusing, so a garbage-collection pause does not refuse a good pattern.
    const took = time(probe) > PROBE_LIMIT_MS ? time(probe) : 0;
    if (took > PROBE_LIMIT_MS) return `is too slow to match (${Math.round(took)} ms on one ${probe.length}-character path; it backtracks)`;
  }
  return undefined;
}

/** Shortens a pattern for a message. */
export function quoteGlob(glob: string): string {
  return JSON.stringify(glob.length > 80 ? `${glob.slice(0, 77)}...` : glob);
}

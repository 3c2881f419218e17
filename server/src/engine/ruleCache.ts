/**
 * The rule files' analysis (patterns split, parsed, and their gate conditions derived), recorded
 * at build time in `dist/rule-cache.json`, so a process starts without running the pattern and
 * regular-expression parsers over every rule: in a fresh process that work is cold JavaScript and
 * was most of the CLI's start-up. Entries are keyed by a hash of the rule file's text (after
 * library expansion), so an edited rule file simply misses and is analysed as before; the build
 * writes the file from the same sources (scripts/build.js), and a test checks every entry against
 * a fresh analysis.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import type { QueryFamily } from './languages';
import type { ParsedPredicate } from './queryText';
import type { RuleSource } from './ruleQueries';

/**
 * Bump when the analysis (queryText.ts, the gate derivation in ruleQueries.ts, gates.ts) changes
 * what it produces for the same text: old cache files then miss instead of being trusted.
 */
export const RULE_ANALYSIS_VERSION = 2;

/** The cache's name in the package's `dist/` folder. */
export const RULE_CACHE_FILE = 'rule-cache.json';

/** A gate condition as data (ruleQueries.ts turns it into a Condition). */
export type ConditionSpec =
  | { kind: 'imports'; re: string }
  | { kind: 'factors'; strings: string[]; cleanTree?: boolean }
  | { kind: 'pattern'; re: 'sql' | 'transaction-sql' }
  | { kind: 'resolves'; re: string; chain: boolean; prefixes: string[] | null; requireWords: boolean };

/** One pattern of a rule file, or the reason it does not parse. */
export type PatternAnalysis =
  | {
      structure: string;
      predicates: ParsedPredicate[];
      captures: string[];
      rootTypes: string[] | null;
      conditions: ConditionSpec[];
    }
  | { error: string };

interface CacheFile {
  version: number;
  entries: Record<string, PatternAnalysis[]>;
}

function keyOf(family: QueryFamily, source: RuleSource): string {
  return createHash('sha256').update(`${RULE_ANALYSIS_VERSION}\u0000${family}\u0000${source.text}`).digest('hex').slice(0, 32);
}

export class RuleAnalysisCache {
  private constructor(private readonly entries: Map<string, PatternAnalysis[]>) {}

  /** The cache in `file`; empty (everything is analysed) when it is missing, unreadable or of another version. */
  static load(file: string | undefined): RuleAnalysisCache {
    const entries = new Map<string, PatternAnalysis[]>();
    if (file) {
      try {
        const data = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
        if (data.version === RULE_ANALYSIS_VERSION && data.entries && typeof data.entries === 'object') {
          for (const [k, v] of Object.entries(data.entries)) if (Array.isArray(v)) entries.set(k, v);
        }
      } catch {
        // No cache (a development tree before its first build): analyse the rules.
      }
    }
    return new RuleAnalysisCache(entries);
  }

  static empty(): RuleAnalysisCache {
    return new RuleAnalysisCache(new Map());
  }

  get size(): number {
    return this.entries.size;
  }

  get(family: QueryFamily, source: RuleSource): PatternAnalysis[] | undefined {
    return this.entries.get(keyOf(family, source));
  }

  set(family: QueryFamily, source: RuleSource, analyses: PatternAnalysis[]): void {
    this.entries.set(keyOf(family, source), analyses);
  }

  /** Written atomically (temp file, then rename). */
  save(file: string): void {
    const data: CacheFile = { version: RULE_ANALYSIS_VERSION, entries: Object.fromEntries([...this.entries].sort(([a], [b]) => (a < b ? -1 : 1))) };
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(data));
    fs.renameSync(tmp, file);
  }
}

import type { CategoryId, Tier } from './categories';
import type { LanguageId } from './languages';
import type { Span } from '../../../common/src/span';

/** Positions and spans are shared with the client: see common/src/span.ts. */
export type { Position, Span } from '../../../common/src/span';

export interface Trigger {
  /** Rule id from the query's `(#set! rule "...")`, e.g. `go.jwt.parse`. */
  rule: string;
  category: CategoryId;
  span: Span;
}

export interface Suppression {
  category: CategoryId;
  reason: string;
  /** 0-based line of the comment. */
  line: number;
}

export interface Region {
  /** Unique within a file and stable across moves within it. */
  id: string;
  category: CategoryId;
  tier: Tier;
  /** Dotted name of the enclosing unit, e.g. `Service.Verify`, `<top-level>`. */
  symbol: string;
  /** The whole enclosing unit. */
  span: Span;
  /** Hash of the unit's code tokens (comments and formatting ignored) and the category. */
  fingerprint: string;
  triggers: Trigger[];
  /** Present when an `ai-guardrails-ignore <category>: <reason>` comment covers the unit. */
  suppression?: Suppression;
}

/** A unit the wrapper table reads though it is not reported: a region's shape, without id or fingerprint. */
export type WrapperEvidence = Pick<Region, 'category' | 'symbol' | 'span' | 'triggers' | 'suppression'>;

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** A specific problem on a line ("this line is wrong"), from `queries/<family>/findings/*.scm`. */
/** A comment that waives a finding: ours (naming the rule) or another linter's. */
export interface FindingSuppression {
  kind: 'ai-guardrails' | 'linter';
  reason: string;
  /** 0-based line of the comment. */
  line: number;
}

export interface Finding {
  rule: string;
  category: CategoryId;
  severity: FindingSeverity;
  cwe: number;
  message: string;
  span: Span;
  fix?: Fix;
  suppression?: FindingSuppression;
}

export interface FileAnalysis {
  language: LanguageId;
  regions: Region[];
  findings: Finding[];
  /** Findings waived by a suppression comment: reported as suppressed, never shown as problems. */
  suppressedFindings: Finding[];
  /** True when tree-sitter reported syntax errors (analysis still ran on the recovered tree). */
  hasSyntaxErrors: boolean;
  /** Python 2-only code (a `print` statement, engine.ts isPython2Only): no regions or findings; scans report the file as skipped. */
  python2Only?: boolean;
  /** Units that make no region but tell the wrapper table what a function does (RawTrigger.summary). */
  wrapperEvidence?: WrapperEvidence[];
  /** Milliseconds spent parsing and querying. */
  millis: number;
}

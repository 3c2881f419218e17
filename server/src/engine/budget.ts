/**
 * Per-file limits on analysis, so one crafted file cannot hang a scan or freeze the editor: a
 * file over its budget is skipped with a reason instead of analysed for minutes.
 */

export interface BudgetLimits {
  /** Wall-clock milliseconds for one analysis (parse, queries, regions, findings). */
  millis: number;
  /** Syntax nodes in the parsed tree. */
  nodes: number;
}

/**
 * Far above any real source file (the largest files of the corpus repositories take well under
 * a second and a few hundred thousand nodes), low enough that a crafted file gives up quickly.
 */
export const DEFAULT_BUDGET: BudgetLimits = { millis: 5000, nodes: 1_500_000 };

/** The analysis went over its budget; the file is skipped (reason `budget`). */
export class BudgetExceeded extends Error {
  override name = 'BudgetExceeded';
}

/** An input a grammar is known to mishandle, refused before parsing (parserGuards.ts). */
export class UnsupportedInput extends BudgetExceeded {
  override name = 'UnsupportedInput';
}

/**
 * tree-sitter failed inside its WebAssembly code (a grammar's scanner writing out of bounds,
 * for one). The parser that failed was replaced; the file is skipped (reason `analysis-failed`).
 */
export class EngineFault extends Error {
  override name = 'EngineFault';
}

/** Node's WebAssembly global (the project's TypeScript libs leave out its DOM-style types). */
const WasmRuntimeError = (globalThis as unknown as { WebAssembly?: { RuntimeError: abstract new () => Error } }).WebAssembly?.RuntimeError;

/** A trap in WebAssembly code: "memory access out of bounds", "unreachable", … */
export function isWasmFault(err: unknown): boolean {
  return WasmRuntimeError !== undefined && err instanceof WasmRuntimeError;
}

/** One analysis' clock. `check` in JS loops; `cancel` as tree-sitter's progress callback. */
export class Budget {
  private readonly deadline: number;
  /** Set when tree-sitter was told to stop: its partial result must not be used. */
  private cancelledIn: string | undefined;

  constructor(
    readonly limits: BudgetLimits = DEFAULT_BUDGET,
    started: number = performance.now(),
  ) {
    this.deadline = started + limits.millis;
  }

  /** Throws once the time is up. */
  check(stage: string): void {
    if (performance.now() > this.deadline) throw this.exceeded(stage);
  }

  /** A progress callback for `parse` / `query.matches`: returns true (stop) once the time is up. */
  cancelFor(stage: string): () => boolean {
    return () => {
      if (performance.now() <= this.deadline) return false;
      this.cancelledIn ??= stage;
      return true;
    };
  }

  /** After a tree-sitter call with `cancelFor`: throws when it was stopped (its result is partial). */
  afterCancellable(): void {
    if (this.cancelledIn !== undefined) throw this.exceeded(this.cancelledIn);
  }

  checkNodes(count: number): void {
    if (count > this.limits.nodes) {
      throw new BudgetExceeded(`${count} syntax nodes exceed the limit of ${this.limits.nodes}`);
    }
  }

  private exceeded(stage: string): BudgetExceeded {
    return new BudgetExceeded(`analysis stopped after ${this.limits.millis} ms (${stage})`);
  }
}

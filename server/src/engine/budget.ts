import * as fs from 'fs';

/**
 * Per-file limits on analysis, so one crafted file cannot hang a scan or freeze the editor: a
 * file over its budget is skipped with a reason instead of analysed for minutes.
 */

export interface BudgetLimits {
  /**
   * Milliseconds of CPU time for one analysis (parse, queries, regions, findings), counted on
   * the analysing thread where the system tells it (Linux), else wall-clock milliseconds.
   */
  millis: number;
  /** Syntax nodes in the parsed tree. */
  nodes: number;
}

/**
 * Above any real source file (the slowest file of the corpus repositories, 14,646 lines of Go,
 * takes about 0.9 s and a few hundred thousand nodes), low enough that no file holds a worker
 * for more than 2 s (issue 15).
 */
export const DEFAULT_BUDGET: BudgetLimits = { millis: 2000, nodes: 1_500_000 };

/**
 * However little CPU a starved thread gets, an analysis stops after this many times its budget
 * of wall-clock time.
 */
const WALL_CAP_FACTOR = 15;

/** Milliseconds this thread spent compiling rule queries: once per process, no file's cost. */
let uncountedMillis = 0;

/**
 * Runs work that no file's budget counts (compiling a rule query: the first file of a language
 * in a worker pays for every later one).
 */
export function uncounted<T>(work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    uncountedMillis += performance.now() - started;
  }
}

/** Where the analysing thread's CPU time is read (Linux); undefined elsewhere. */
let threadStat: string | undefined = process.platform === 'linux' ? '/proc/thread-self/stat' : undefined;

/**
 * CPU milliseconds (user + system) of the calling thread, or undefined where the system does not
 * tell. Read from /proc in clock ticks of 10 ms; about 0.1 ms a read, so it is read only once an
 * analysis has run for a while.
 */
export function threadCpuMillis(): number | undefined {
  if (threadStat === undefined) return undefined;
  try {
    const stat = fs.readFileSync(threadStat, 'latin1');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    threadStat = undefined;
    return undefined;
  }
}

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

/**
 * One analysis' clock. `check` in JS loops; `cancel` as tree-sitter's progress callback. The
 * limit is CPU time, so a file is not skipped because the machine is busy: the wall-clock
 * deadline only says when to look at the thread's CPU time, and moves on while the thread has
 * used less than its budget (up to WALL_CAP_FACTOR times the budget in wall time).
 */
export class Budget {
  private deadline: number;
  private readonly wallCap: number;
  /** The thread's CPU time when it was first read, and the wall clock then. */
  private base: { cpu: number; wall: number } | undefined;
  /** Set when tree-sitter was told to stop: its partial result must not be used. */
  private cancelledIn: string | undefined;
  /** `uncountedMillis` when this analysis started. */
  private readonly uncountedAtStart = uncountedMillis;
  /** Which clock `spent` found used up, for the message. */
  private clock = 'ms';

  constructor(
    readonly limits: BudgetLimits = DEFAULT_BUDGET,
    private readonly started: number = performance.now(),
  ) {
    // The CPU clock is first read after a quarter of the budget (most analyses end before).
    this.deadline = started + limits.millis / 4;
    this.wallCap = started + Math.max(limits.millis, 10) * WALL_CAP_FACTOR;
  }

  /** Throws once the time is up. */
  check(stage: string): void {
    if (performance.now() > this.deadline && this.spent()) throw this.exceeded(stage);
  }

  /** A progress callback for `parse` / `query.matches`: returns true (stop) once the time is up. */
  cancelFor(stage: string): () => boolean {
    return () => {
      if (performance.now() <= this.deadline || !this.spent()) return false;
      this.cancelledIn ??= stage;
      return true;
    };
  }

  /**
   * Past the deadline: true when the budget is used up; otherwise moves the deadline to the
   * earliest time it could be. Before the first CPU reading the thread is assumed to have run
   * all the time (an overestimate, never an underestimate).
   */
  private spent(): boolean {
    const now = performance.now();
    const limit = this.limits.millis;
    const excused = uncountedMillis - this.uncountedAtStart;
    if (now >= this.wallCap + excused) {
      this.clock = 'ms of wall-clock time';
      return true;
    }
    const cpu = threadCpuMillis();
    if (cpu === undefined) {
      // No thread clock: wall-clock time.
      if (now - this.started - excused >= limit) return true;
      this.deadline = this.started + excused + limit;
      return false;
    }
    this.base ??= { cpu, wall: now };
    this.clock = 'ms of CPU time';
    const used = this.base.wall - this.started + (cpu - this.base.cpu) - excused;
    if (used >= limit) return true;
    // The clock ticks in 10 ms steps: look again no sooner than that.
    this.deadline = now + Math.max(10, limit - used);
    return false;
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
    const millis = this.clock === 'ms of wall-clock time' ? Math.round(this.wallCap - this.started) : this.limits.millis;
    return new BudgetExceeded(`analysis stopped after ${millis} ${this.clock} (${stage})`);
  }
}

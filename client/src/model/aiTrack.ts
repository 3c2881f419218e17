/**
 * Keeps AI advisory diagnostics honest while the document changes: an edit above the region
 * shifts them, an edit below leaves them, an edit touching the region clears them (the opinion
 * was about code that no longer exists). vscode-free so it can be unit tested.
 */

/** 0-based inclusive line range of the reviewed region. */
export interface TrackedLines {
  start: number;
  end: number;
}

/** One content change: the replaced range's lines (0-based) and the new text. */
export interface LineChange {
  startLine: number;
  endLine: number;
  text: string;
}

export type TrackOutcome = { kind: 'unchanged' } | { kind: 'shift'; delta: number } | { kind: 'invalidate' };

export function trackChange(tracked: TrackedLines, change: LineChange): TrackOutcome {
  if (change.startLine > tracked.end) return { kind: 'unchanged' };
  if (change.endLine < tracked.start) {
    let added = 0;
    for (const c of change.text) if (c === '\n') added++;
    const delta = added - (change.endLine - change.startLine);
    return delta === 0 ? { kind: 'unchanged' } : { kind: 'shift', delta };
  }
  return { kind: 'invalidate' };
}

/** Applies a sequence of changes (in the order VS Code reports them); undefined once invalidated. */
export function applyChanges(tracked: TrackedLines, changes: LineChange[]): { lines: TrackedLines; delta: number } | undefined {
  let current = { ...tracked };
  let total = 0;
  for (const change of changes) {
    const outcome = trackChange(current, change);
    if (outcome.kind === 'invalidate') return undefined;
    if (outcome.kind === 'shift') {
      current = { start: current.start + outcome.delta, end: current.end + outcome.delta };
      total += outcome.delta;
    }
  }
  return { lines: current, delta: total };
}

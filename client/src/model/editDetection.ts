/**
 * Heuristics that tell an AI/agent-looking edit from typing. Editors do not say where an edit
 * came from, so this looks at its shape: how much text one change inserts, whether the document
 * stayed clean (reloaded from disk), whether a person could have typed it (focused active
 * editor), and whether many line-sized chunks arrive in a short burst (streamed edits).
 * docs/edit-detection.md describes the rules and their limits. Pure: unit-tested without VS Code.
 */
import type { BulkEditParams } from '../../../common/src/protocol';
import { comparePositions } from '../../../common/src/ranges';
import { checkedSetting, settingDefault } from '../../../common/src/settings';
import type { Position, Span } from '../../../common/src/span';

export type EditKind = BulkEditParams['kind'];

export interface EditThresholds {
  /** Non-blank lines one change (or one burst) must insert. */
  minLines: number;
  /** Characters one change (or one burst) must insert. */
  minChars: number;
}

export const DEFAULT_THRESHOLDS: EditThresholds = { minLines: settingDefault('editDetection.minLines'), minChars: settingDefault('editDetection.minChars') };

/** Settings values → thresholds, checked by the settings schema (whole numbers of at least 1, else the default). */
export function normalizeThresholds(raw: { minLines?: unknown; minChars?: unknown }): EditThresholds {
  return { minLines: checkedSetting('editDetection.minLines', raw.minLines), minChars: checkedSetting('editDetection.minChars', raw.minChars) };
}

/** One content change as VS Code reports it: a pre-edit range and the text that replaced it. */
export interface TextChange {
  range: Span;
  text: string;
}

export interface EditContext {
  /** The change came from undo or redo. */
  undoRedo: boolean;
  /**
   * The change was VS Code reloading the document from disk (something outside the editor wrote
   * the file), as verified by the watcher against the file's content. Not `!document.isDirty`:
   * the first keystroke in a clean document can arrive with isDirty still false (seen in VS Code
   * 1.100 with auto-save on), so a clean document is no proof of an outside write.
   */
  reloadedFromDisk: boolean;
  /** The document is the active editor's and the window has focus: a person could have typed it. */
  focusedEditor: boolean;
}

export interface EditVerdict {
  kind: EditKind;
  /** Post-edit ranges; empty means the whole file. */
  ranges: Span[];
}

const LINE_BREAK = /\r\n|\r|\n/;

/** Non-blank lines in inserted text: pressing Enter (a line break plus indentation) counts 0. */
export function contentLines(text: string): number {
  let n = 0;
  for (const line of text.split(LINE_BREAK)) if (/\S/.test(line)) n++;
  return n;
}

/** One change inserting at least minLines non-blank lines or minChars characters of code. */
export function isLargeChange(text: string, t: EditThresholds): boolean {
  return /\S/.test(text) && (contentLines(text) >= t.minLines || text.length >= t.minChars);
}

/** A chunk of a streamed edit: it breaks a line and carries code. Typing never produces one. */
export function isStreamChunk(text: string): boolean {
  return LINE_BREAK.test(text) && /\S/.test(text);
}

function advance(start: Position, text: string): Position {
  const lines = text.split(LINE_BREAK);
  const last = lines[lines.length - 1] ?? '';
  if (lines.length === 1) return { line: start.line, character: start.character + text.length };
  return { line: start.line + lines.length - 1, character: last.length };
}

interface Anchor {
  pre: Position;
  post: Position;
}

function shift(p: Position, anchor: Anchor | undefined): Position {
  if (!anchor) return p;
  if (p.line === anchor.pre.line) return { line: anchor.post.line, character: anchor.post.character + (p.character - anchor.pre.character) };
  return { line: p.line + (anchor.post.line - anchor.pre.line), character: p.character };
}

/** A change with where it lands after the edit. */
export interface MappedChange {
  index: number;
  change: TextChange;
  postStart: Position;
  postEnd: Position;
}

/**
 * Post-edit positions of the changes of one event. VS Code reports them non-overlapping, in
 * pre-edit coordinates (sorted last-first, so applying them in order gives the same result).
 * Returned in document order.
 */
export function mapChanges(changes: readonly TextChange[]): MappedChange[] {
  const sorted = changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => comparePositions(a.change.range.start, b.change.range.start) || a.index - b.index);
  const out: MappedChange[] = [];
  let anchor: Anchor | undefined;
  for (const { change, index } of sorted) {
    const postStart = shift(change.range.start, anchor);
    const postEnd = advance(postStart, change.text);
    out.push({ index, change, postStart, postEnd });
    anchor = { pre: change.range.end, post: postEnd };
  }
  return out;
}

/** Where each change's inserted text sits after the edit, in the order the changes were given. */
export function postEditSpans(changes: readonly TextChange[]): Span[] {
  return mapChanges(changes)
    .sort((a, b) => a.index - b.index)
    .map((m) => ({ start: m.postStart, end: m.postEnd }));
}

function mapPosition(p: Position, mapped: readonly MappedChange[], bias: 'start' | 'end'): Position {
  let anchor: Anchor | undefined;
  for (const m of mapped) {
    const endVsP = comparePositions(m.change.range.end, p);
    if (endVsP < 0 || (endVsP === 0 && bias === 'end')) {
      anchor = { pre: m.change.range.end, post: m.postEnd };
      continue;
    }
    const startVsP = comparePositions(m.change.range.start, p);
    if (startVsP < 0 || (startVsP === 0 && bias === 'start')) return bias === 'start' ? m.postStart : m.postEnd;
    break;
  }
  return shift(p, anchor);
}

/**
 * Moves a span recorded before an edit to where it is after it. A change that overlaps or
 * touches the span widens it to include the change, so a remembered range never loses text.
 */
export function transformSpan(span: Span, mapped: readonly MappedChange[]): Span {
  if (mapped.length === 0) return span;
  const start = mapPosition(span.start, mapped, 'start');
  const end = mapPosition(span.end, mapped, 'end');
  return comparePositions(end, start) < 0 ? { start, end: start } : { start, end };
}

/** Sorts spans and merges the ones that overlap or touch. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => comparePositions(a.start, b.start) || comparePositions(a.end, b.end));
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && comparePositions(s.start, last.end) <= 0) {
      if (comparePositions(s.end, last.end) > 0) last.end = s.end;
    } else out.push({ start: s.start, end: s.end });
  }
  return out;
}

function hullOf(spans: readonly Span[]): Span | undefined {
  let hull: Span | undefined;
  for (const s of spans) {
    if (!hull) hull = { start: s.start, end: s.end };
    else {
      if (comparePositions(s.start, hull.start) < 0) hull.start = s.start;
      if (comparePositions(s.end, hull.end) > 0) hull.end = s.end;
    }
  }
  return hull;
}

/**
 * Classifies one change event on its own (bursts are handled by EditDetector):
 * - undo/redo never counts;
 * - a verified reload from disk → external, whatever its size;
 * - in a focused active editor, one change inserting ≥ minLines non-blank lines or ≥ minChars
 *   characters → bulk (its ranges only);
 * - elsewhere (another editor, a background document, the window unfocused) nobody is typing:
 *   a large change, two or more multi-line changes, or multi-line changes adding up to the
 *   thresholds → external (all ranges). Single-line replacements (renames, quick fixes) never count.
 */
export function classifyEdit(changes: readonly TextChange[], ctx: EditContext, t: EditThresholds): EditVerdict | undefined {
  if (changes.length === 0 || ctx.undoRedo) return undefined;
  const spans = postEditSpans(changes);
  if (ctx.reloadedFromDisk) return { kind: 'external', ranges: spans };
  const large = changes.map((c, i) => (isLargeChange(c.text, t) ? i : -1)).filter((i) => i >= 0);
  if (ctx.focusedEditor) {
    if (large.length === 0) return undefined;
    return { kind: 'bulk', ranges: large.map((i) => spans[i]).filter((s): s is Span => s !== undefined) };
  }
  const multiLine = changes.filter((c) => isStreamChunk(c.text));
  const lines = multiLine.reduce((n, c) => n + contentLines(c.text), 0);
  const chars = multiLine.reduce((n, c) => n + c.text.length, 0);
  if (large.length > 0 || multiLine.length >= 2 || lines >= t.minLines || chars >= t.minChars) {
    return { kind: 'external', ranges: spans };
  }
  return undefined;
}

interface Chunk {
  at: number;
  span: Span;
  lines: number;
  chars: number;
}

interface Burst {
  chunks: Chunk[];
  lastAt: number;
  /** Once the burst crossed the thresholds, every further chunk is reported at once. */
  fired: boolean;
}

interface Pending {
  uri: string;
  kind: EditKind;
  /** Empty means the whole file. */
  ranges: Span[];
  wholeFile: boolean;
}

/** More ranges than this for one file are sent as their enclosing range. */
const MAX_RANGES = 50;

/**
 * Per-document state for edit detection: streamed-edit bursts and the ranges waiting to be sent
 * to the server. Every change event goes through `onDidChange`, including typing and undo, so
 * the remembered ranges stay in step with the document.
 */
export class EditDetector {
  private readonly bursts = new Map<string, Burst>();
  private readonly pending = new Map<string, Pending>();

  /** @param burstWindowMs chunks further apart than this start a new burst. */
  constructor(private readonly burstWindowMs = 3000) {}

  onDidChange(uri: string, changes: readonly TextChange[], ctx: EditContext, t: EditThresholds, now: number): EditVerdict | undefined {
    if (changes.length === 0) return undefined;
    const mapped = mapChanges(changes);
    this.transformStored(uri, mapped);
    const verdict = classifyEdit(changes, ctx, t) ?? (ctx.undoRedo ? undefined : this.feedBurst(uri, mapped, ctx, t, now));
    if (verdict) this.add(uri, verdict.kind, verdict.ranges);
    return verdict;
  }

  /**
   * An open document's change turned out to be a reload from disk (verified after the event):
   * its post-edit ranges are external. Call before any later change of the document.
   */
  onReloadFromDisk(uri: string, ranges: Span[]): void {
    this.add(uri, 'external', ranges);
  }

  /** A file that is not open changed on disk: the whole file is suspect. */
  onExternalFileChange(uri: string): void {
    this.add(uri, 'external', []);
  }

  /** The document was closed: its burst ends (pending ranges are still sent). */
  forget(uri: string): void {
    this.bursts.delete(uri);
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** Drains the notifications to send, one per file and kind, with overlapping ranges merged. */
  take(): BulkEditParams[] {
    const out = [...this.pending.values()].map((p) => ({ uri: p.uri, kind: p.kind, ranges: p.wholeFile ? [] : mergeSpans(p.ranges) }));
    this.pending.clear();
    return out;
  }

  private add(uri: string, kind: EditKind, ranges: readonly Span[]): void {
    const key = `${kind} ${uri}`;
    const p = this.pending.get(key) ?? { uri, kind, ranges: [], wholeFile: false };
    if (ranges.length === 0) {
      p.wholeFile = true;
      p.ranges = [];
    } else if (!p.wholeFile) {
      p.ranges.push(...ranges);
      if (p.ranges.length > MAX_RANGES) {
        const hull = hullOf(p.ranges);
        p.ranges = hull ? [hull] : [];
      }
    }
    this.pending.set(key, p);
  }

  private transformStored(uri: string, mapped: readonly MappedChange[]): void {
    for (const p of this.pending.values()) {
      if (p.uri === uri && !p.wholeFile) p.ranges = p.ranges.map((s) => transformSpan(s, mapped));
    }
    const burst = this.bursts.get(uri);
    if (burst) for (const c of burst.chunks) c.span = transformSpan(c.span, mapped);
  }

  private feedBurst(uri: string, mapped: readonly MappedChange[], ctx: EditContext, t: EditThresholds, now: number): EditVerdict | undefined {
    const chunks: Chunk[] = mapped
      .filter((m) => isStreamChunk(m.change.text))
      .map((m) => ({ at: now, span: { start: m.postStart, end: m.postEnd }, lines: contentLines(m.change.text), chars: m.change.text.length }));
    if (chunks.length === 0) return undefined;
    const kind: EditKind = ctx.focusedEditor ? 'bulk' : 'external';
    let burst = this.bursts.get(uri);
    if (!burst || now - burst.lastAt > this.burstWindowMs) burst = { chunks: [], lastAt: now, fired: false };
    burst.lastAt = now;
    this.bursts.set(uri, burst);
    if (burst.fired) return { kind, ranges: chunks.map((c) => c.span) };
    burst.chunks = burst.chunks.filter((c) => now - c.at <= this.burstWindowMs).concat(chunks);
    const lines = burst.chunks.reduce((n, c) => n + c.lines, 0);
    const chars = burst.chunks.reduce((n, c) => n + c.chars, 0);
    if (lines < t.minLines && chars < t.minChars) return undefined;
    const ranges = burst.chunks.map((c) => c.span);
    burst.chunks = [];
    burst.fired = true;
    return { kind, ranges };
  }
}

/**
 * Reads the model's answer: JSON following the findings schema (possibly in a code fence), or,
 * as a fallback, plain text with one finding per line: `[P0] path:line — message`.
 * `FindingStream` pulls complete findings out of a partial answer while it streams.
 */
import { AiError, SEVERITIES, type AiFinding, type Severity } from '../../../common/src/ai';

export interface ParsedAnswer {
  findings: AiFinding[];
  form: 'json' | 'text';
}

const MAX_MESSAGE = 2000;

function toSeverity(v: unknown): Severity | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toUpperCase();
  return (SEVERITIES as readonly string[]).includes(s) ? (s as Severity) : undefined;
}

function toLine(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** A finding from a JSON value, or undefined when it is not one. */
export function findingFrom(v: unknown): AiFinding | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const severity = toSeverity(o.severity);
  const line = toLine(o.line);
  const message = typeof o.message === 'string' ? o.message.trim().slice(0, MAX_MESSAGE) : undefined;
  if (!severity || line === undefined || !message) return undefined;
  return { severity, line, message };
}

function stripFence(text: string): string {
  const m = /^\s*(?:```|~~~)[\w-]*\s*\n([\s\S]*?)\n\s*(?:```|~~~)\s*$/.exec(text);
  return m ? (m[1] ?? '') : text;
}

/** The JSON form, or undefined when the text is not JSON at all. Throws on JSON of the wrong shape. */
function parseJson(text: string): AiFinding[] | undefined {
  const body = stripFence(text).trim();
  if (!body.startsWith('{') && !body.startsWith('[')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const list = Array.isArray(value) ? value : (value as Record<string, unknown> | null)?.findings;
  if (!Array.isArray(list)) throw new AiError('malformed', 'the answer is JSON but has no "findings" list');
  const findings = list.map(findingFrom);
  const good = findings.filter((f): f is AiFinding => f !== undefined);
  if (list.length > 0 && good.length === 0) {
    throw new AiError('malformed', 'the answer is JSON but no finding has a severity P0/P1/P2, a line number and a message');
  }
  return good;
}

/** `[P0] path:line — message`, also `- **P1** path:12: message`, `P2 line 7 - message`. */
const TEXT_FINDING =
  /^\s*(?:[-*•]\s*)?(?:\*\*)?\[?\s*(P[012])\s*\]?(?:\*\*)?\s*:?\s*(?:`?([^\s`]*?):(\d+)(?::\d+)?`?|(?:line|l\.?)\s*(\d+))\s*(?:—|–|-{1,2}|:)\s*(.+?)\s*$/i;

export function parseTextLine(line: string): AiFinding | undefined {
  const m = TEXT_FINDING.exec(line);
  if (!m) return undefined;
  const severity = toSeverity(m[1]);
  const lineNo = toLine(m[3] ?? m[4]);
  const message = (m[5] ?? '').trim().slice(0, MAX_MESSAGE);
  if (!severity || lineNo === undefined || !message) return undefined;
  return { severity, line: lineNo, message };
}

const NOTHING_FOUND = /\b(?:no (?:findings|issues|problems|vulnerabilities)|nothing (?:to report|found)|lgtm)\b/i;

/** Parses a complete answer. Throws AiError('malformed') when it is neither form. */
export function parseAnswer(answer: string): ParsedAnswer {
  const text = answer.trim();
  if (text.length === 0) throw new AiError('malformed', 'the model returned an empty answer');
  const json = parseJson(text);
  if (json) return { findings: json, form: 'json' };
  const findings = text
    .split(/\r?\n/)
    .map(parseTextLine)
    .filter((f): f is AiFinding => f !== undefined);
  if (findings.length > 0 || NOTHING_FOUND.test(text)) return { findings, form: 'text' };
  throw new AiError('malformed', `the answer is neither the findings JSON nor "[P0] path:line — message" lines: ${JSON.stringify(text.slice(0, 160))}`);
}

/**
 * Incremental reader for a streaming answer: `push` returns the findings that became complete.
 * JSON objects are taken as soon as their closing brace arrives; text lines at their newline.
 */
export class FindingStream {
  private buffer = '';
  private scanned = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private objectStarts: number[] = [];
  private textLinesDone = 0;
  private mode: 'json' | 'text' | undefined;

  private decide(): void {
    const head = this.buffer.trimStart();
    if (head.startsWith('{') || head.startsWith('```') || head.startsWith('~~~')) this.mode = 'json';
    else if (head.startsWith('[')) {
      const next = head.slice(1).trimStart()[0];
      if (next === '{' || next === ']') this.mode = 'json';
      else if (next !== undefined) this.mode = 'text';
    } else if (head.length > 0) this.mode = 'text';
  }

  push(delta: string): AiFinding[] {
    this.buffer += delta;
    const out: AiFinding[] = [];
    if (!this.mode) this.decide();
    if (!this.mode) return out;
    if (this.mode === 'json') {
      for (; this.scanned < this.buffer.length; this.scanned++) {
        const c = this.buffer[this.scanned];
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === '\\') this.escaped = true;
          else if (c === '"') this.inString = false;
          continue;
        }
        if (c === '"') this.inString = true;
        else if (c === '{' || c === '[') {
          this.depth++;
          if (c === '{') this.objectStarts.push(this.scanned);
        } else if (c === '}' || c === ']') {
          this.depth--;
          if (c === '}') {
            const start = this.objectStarts.pop();
            if (start !== undefined && this.depth >= 1) {
              try {
                const f = findingFrom(JSON.parse(this.buffer.slice(start, this.scanned + 1)));
                if (f) out.push(f);
              } catch {
                // not a complete finding object
              }
            }
          }
        }
      }
      return out;
    }
    const lines = this.buffer.split(/\r?\n/);
    for (; this.textLinesDone < lines.length - 1; this.textLinesDone++) {
      const f = parseTextLine(lines[this.textLinesDone] ?? '');
      if (f) out.push(f);
    }
    return out;
  }

  get text(): string {
    return this.buffer;
  }
}

import * as fs from 'fs';
import * as path from 'path';
import type { CliContext } from './scanCommand';

/** Output plumbing shared by the subcommands: `-o FILE`, colours, escaped names. */

export type Colour = 'red' | 'green' | 'yellow';
const CODES: Record<Colour, string> = { red: '31', green: '32', yellow: '33' };

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colourer(ctx: CliContext): (s: string, c: Colour) => string {
  const on = ctx.isTty === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  return on ? (s, c) => `\u001b[${CODES[c]}m${s}\u001b[0m` : (s) => s;
}

/** Writes the report to `-o FILE` (creating folders) or to stdout. */
export function emit(ctx: CliContext, text: string, outFile: string | undefined): void {
  if (outFile === undefined) {
    ctx.stdout(text);
    return;
  }
  const file = path.resolve(ctx.cwd, outFile);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

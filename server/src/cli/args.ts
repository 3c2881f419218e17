/** A small argv parser: `--flag value`, `--flag=value`, boolean flags, positionals. */
export class UsageError extends Error {}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

/** Single-letter aliases every subcommand understands. */
const SHORT: Record<string, string> = { '-o': '--o', '-q': '--quiet', '-h': '--help' };

export function parseArgs(argv: string[], valued: string[], booleans: string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const arg = SHORT[raw] ?? raw;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (valued.includes(name)) {
        const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        options.set(name, value);
      } else if (booleans.includes(name) && eq === -1) {
        flags.add(name);
      } else {
        throw new UsageError(`unknown option --${name}`);
      }
    } else {
      positionals.push(arg);
    }
  }
  return { positionals, options, flags };
}

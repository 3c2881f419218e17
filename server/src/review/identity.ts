import { execFileSync } from 'child_process';
import * as os from 'os';

const cache = new Map<string, string>();

function gitConfig(cwd: string, key: string): string | undefined {
  try {
    const out = execFileSync('git', ['config', '--get', key], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000 });
    const value = out.trim();
    return value.length > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/** "Name <email>" from git config in `cwd`, falling back to the OS user; AI_GUARDRAILS_REVIEWER overrides. */
export function reviewerIdentity(cwd: string): string {
  const cached = cache.get(cwd);
  if (cached) return cached;
  // An explicit identity (CI bots, tests) wins as given.
  const explicit = process.env.AI_GUARDRAILS_REVIEWER?.trim();
  if (explicit) return explicit;
  const name = gitConfig(cwd, 'user.name');
  const email = gitConfig(cwd, 'user.email');
  let who: string;
  if (name) who = email ? `${name} <${email}>` : name;
  else if (email) who = email;
  else {
    try {
      who = os.userInfo().username;
    } catch {
      who = 'unknown';
    }
  }
  cache.set(cwd, who);
  return who;
}

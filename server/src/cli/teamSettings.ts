import * as fs from 'fs';
import * as path from 'path';
import { defaultSettings, readTeamConfigFile, type GuardrailSettings, type TeamConfig } from '../settings';
import { UsageError } from './args';
import type { CliContext } from './scanCommand';

/**
 * The settings a CLI run uses: the file named by `--config`, else `fallback()` (the team config
 * the command finds itself), with every problem reported on stderr.
 */
export function cliSettings(ctx: CliContext, configPath: string | undefined, fallback: () => TeamConfig): GuardrailSettings {
  let team: TeamConfig;
  if (configPath !== undefined) {
    const file = path.resolve(ctx.cwd, configPath);
    if (!fs.existsSync(file)) throw new UsageError(`--config: no such file: ${configPath}`);
    team = readTeamConfigFile(file, defaultSettings());
  } else {
    team = fallback();
  }
  for (const p of team.problems) ctx.stderr(`ai-guardrails: warning: ${p}\n`);
  return team.settings;
}

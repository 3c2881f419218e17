/**
 * Writes the settings schema (common/src/settings.ts) into package.json: `contributes.configuration`
 * and `capabilities.untrustedWorkspaces.restrictedConfigurations`. Run `npm run gen:settings` after
 * changing a setting; test/unit/settingsManifest.test.ts fails while package.json differs.
 * `--check` only reports whether package.json is up to date (exit 1 when not).
 */
import * as fs from 'fs';
import * as path from 'path';
import { manifestSettings } from '../common/src/settings';

export const PACKAGE_JSON = path.resolve(__dirname, '..', '..', 'package.json');

interface Manifest {
  contributes: { configuration: unknown };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
}

/** package.json's text with the settings sections as the schema generates them. */
export function renderPackageJson(text: string): string {
  const pkg = JSON.parse(text) as Manifest;
  const generated = manifestSettings();
  pkg.contributes.configuration = generated.configuration;
  pkg.capabilities.untrustedWorkspaces.restrictedConfigurations = generated.restrictedConfigurations;
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function main(): void {
  const text = fs.readFileSync(PACKAGE_JSON, 'utf8');
  const next = renderPackageJson(text);
  if (process.argv.includes('--check')) {
    console.log(next === text ? 'package.json settings match the schema' : 'package.json settings differ from common/src/settings.ts: run npm run gen:settings');
    process.exitCode = next === text ? 0 : 1;
    return;
  }
  if (next !== text) fs.writeFileSync(PACKAGE_JSON, next);
  console.log(next === text ? 'package.json settings already match the schema' : `wrote the settings sections of ${PACKAGE_JSON}`);
}

if (require.main === module) main();

/**
 * Typed access to the settings the client reads itself. Types, defaults and checks come from the
 * settings schema (common/src/settings.ts): an unset or malformed value reads as the default.
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../../common/src/protocol';
import { checkedSetting, settingDefault, type SettingKey, type SettingValue } from '../../common/src/settings';
import { normalizeThresholds, type EditThresholds } from './model/editDetection';

/** One `aiGuardrails.<key>` setting, checked against the schema. */
export function setting<K extends SettingKey>(key: K): SettingValue<K> {
  return checkedSetting(key, vscode.workspace.getConfiguration(CONFIG_SECTION).get<unknown>(key));
}

export interface EditorSettings {
  gutterIcons: boolean;
  lineBackground: boolean;
  codeLens: boolean;
}

export function editorSettings(): EditorSettings {
  return {
    gutterIcons: setting('editor.gutterIcons'),
    lineBackground: setting('editor.lineBackground'),
    codeLens: setting('editor.codeLens'),
  };
}

export interface EditDetectionSettings extends EditThresholds {
  enable: boolean;
}

export function editDetectionSettings(): EditDetectionSettings {
  const c = vscode.workspace.getConfiguration(`${CONFIG_SECTION}.editDetection`);
  return {
    enable: setting('editDetection.enable'),
    ...normalizeThresholds({ minLines: c.get<unknown>('minLines'), minChars: c.get<unknown>('minChars') }),
  };
}

export interface AiSettings {
  enable: boolean;
  baseUrl: string;
  model: string;
  timeoutSeconds: number;
  provider: SettingValue<'ai.provider'>;
  azureApiVersion: string;
  azureDeployment: string;
}

/** The AI second opinion's settings (`aiGuardrails.ai.*`); an empty URL, model or API version means the default. */
export function aiSettings(): AiSettings {
  const orDefault = (key: 'ai.baseUrl' | 'ai.model' | 'ai.azureApiVersion') => setting(key) || settingDefault(key);
  return {
    enable: setting('ai.enable'),
    baseUrl: orDefault('ai.baseUrl').trim(),
    model: orDefault('ai.model').trim(),
    timeoutSeconds: setting('ai.timeoutSeconds'),
    provider: setting('ai.provider'),
    azureApiVersion: orDefault('ai.azureApiVersion'),
    azureDeployment: setting('ai.azureDeployment'),
  };
}

/** Fires `listener` when a setting under `aiGuardrails.<group>` changes. */
export function onDidChangeSettings(group: 'editor' | 'editDetection', listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${CONFIG_SECTION}.${group}`)) listener();
  });
}

/** Typed access to the client-only settings (`aiGuardrails.editor.*`, `aiGuardrails.editDetection.*`). */
import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../../common/src/protocol';
import { normalizeThresholds, type EditThresholds } from './model/editDetection';

export interface EditorSettings {
  gutterIcons: boolean;
  lineBackground: boolean;
  codeLens: boolean;
}

export function editorSettings(): EditorSettings {
  const c = vscode.workspace.getConfiguration(`${CONFIG_SECTION}.editor`);
  return {
    gutterIcons: c.get<boolean>('gutterIcons', true),
    lineBackground: c.get<boolean>('lineBackground', true),
    codeLens: c.get<boolean>('codeLens', true),
  };
}

export interface EditDetectionSettings extends EditThresholds {
  enable: boolean;
}

export function editDetectionSettings(): EditDetectionSettings {
  const c = vscode.workspace.getConfiguration(`${CONFIG_SECTION}.editDetection`);
  return {
    enable: c.get<boolean>('enable', true),
    ...normalizeThresholds({ minLines: c.get<unknown>('minLines'), minChars: c.get<unknown>('minChars') }),
  };
}

/** Fires `listener` when a setting under `aiGuardrails.<group>` changes. */
export function onDidChangeSettings(group: 'editor' | 'editDetection', listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${CONFIG_SECTION}.${group}`)) listener();
  });
}

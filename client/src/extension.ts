/** Activation and deactivation only: start the language server and hand disposables to VS Code. */
import * as vscode from 'vscode';
import { GuardrailClient } from './languageClient';

let guardrails: GuardrailClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<GuardrailClient> {
  guardrails = new GuardrailClient(context);
  context.subscriptions.push(guardrails);
  await guardrails.start();
  return guardrails;
}

export async function deactivate(): Promise<void> {
  await guardrails?.stop();
  guardrails = undefined;
}

/** Activation and deactivation only: start the language server and hand disposables to VS Code. */
import * as vscode from 'vscode';
import { registerAiReview } from './aiReview';
import { registerFeatures } from './features';
import { GuardrailClient } from './languageClient';

let guardrails: GuardrailClient | undefined;

export interface GuardrailsApi {
  client: GuardrailClient;
  /** Resolves when the language server has started (activation does not wait for it). */
  ready: Promise<void>;
  /** Milliseconds our own code spent in activate(). */
  activationMillis: number;
}

export function activate(context: vscode.ExtensionContext): GuardrailsApi {
  const started = performance.now();
  guardrails = new GuardrailClient(context);
  context.subscriptions.push(guardrails);
  registerFeatures(guardrails);
  context.subscriptions.push(registerAiReview(context, guardrails));
  // The server parses grammars and compiles rules in its own process; activation returns now.
  const client = guardrails;
  const ready = client.start().catch((err: unknown) => {
    client.output.error(`AI Guardrails server failed to start: ${String(err)}`);
    void vscode.window.showErrorMessage(`AI Guardrails: the server failed to start (${String(err)}). See the "AI Guardrails" output.`);
  });
  const activationMillis = performance.now() - started;
  client.output.info(`activated in ${activationMillis.toFixed(1)} ms`);
  return { client, ready, activationMillis };
}

export async function deactivate(): Promise<void> {
  await guardrails?.stop();
  guardrails = undefined;
}

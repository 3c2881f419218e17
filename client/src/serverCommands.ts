/**
 * The one route to the server's commands (`ServerCommands`, workspace/executeCommand). The
 * language client registers each of them as a VS Code command and runs it through
 * `serverCommandMiddleware`; the quick fixes run those commands, and so do the client's own
 * review commands (sidebar, CodeLens, palette) through `runServerCommand`. Every entry point
 * therefore gets the same editor side: the reason prompt of a suppression, the confirmation of
 * an approval, the clipboard for the review request's Markdown.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { ServerCommands, type ServerCommandId } from '../../common/src/commands';
import type { ReviewCommandArgs, SuppressCommandArgs } from '../../common/src/protocol';
import type { GuardrailClient } from './languageClient';

type ExecuteCommand = NonNullable<Middleware['executeCommand']>;
type Next = Parameters<ExecuteCommand>[2];

/** Runs a server command through the language client's command for it (and so the middleware). */
export async function runServerCommand(guardrails: GuardrailClient, command: ServerCommandId, args: ReviewCommandArgs): Promise<unknown> {
  if (!guardrails.client?.isRunning()) throw new Error('the AI Guardrails server is not running');
  return vscode.commands.executeCommand(command, args);
}

/** A suppression without a reason asks for one (Escape cancels). */
async function suppress(args: unknown[], next: Next): Promise<unknown> {
  const first = args[0] as Partial<SuppressCommandArgs> | undefined;
  if (!first || first.reason) return next(ServerCommands.suppress, args);
  const reason = await vscode.window.showInputBox({
    title: 'Suppress this guardrail',
    prompt: 'Why is this code safe? The reason is written into the comment and shown in the CLI report.',
    placeHolder: 'e.g. reviewed by security team in SEC-123',
    validateInput: (v) => (v.trim().length === 0 ? 'A reason is required' : /[\r\n]/.test(v) ? 'One line only' : undefined),
  });
  if (reason === undefined) return undefined;
  return next(ServerCommands.suppress, [{ ...first, reason: reason.trim() }]);
}

/**
 * An approval is a person's statement, so one without a note is confirmed, with the optional
 * note offered (Escape cancels; nothing is recorded). Callers that pass a note (even an empty
 * one) have asked already or run unattended.
 */
async function markReviewed(args: unknown[], next: Next): Promise<unknown> {
  const first = args[0] as Partial<ReviewCommandArgs> | undefined;
  if (!first || first.note !== undefined) return next(ServerCommands.markReviewed, args);
  const note = await vscode.window.showInputBox({
    title: 'Mark as reviewed',
    prompt: 'You confirm that you reviewed this code against its checklist. Note for the ledger (optional); Escape cancels.',
    placeHolder: 'e.g. checked alg pinning and audience',
  });
  if (note === undefined) return undefined;
  const result: unknown = await next(ServerCommands.markReviewed, [{ ...first, ...(note.trim() ? { note: note.trim() } : {}) }]);
  void vscode.window.showInformationMessage('AI Guardrails: marked as reviewed and recorded in .guardrails/reviews.json.');
  return result;
}

/** The review request's Markdown goes to the clipboard. */
async function reviewMarkdown(args: unknown[], next: Next): Promise<unknown> {
  const result: unknown = await next(ServerCommands.reviewMarkdown, args);
  if (typeof result === 'string') {
    await vscode.env.clipboard.writeText(result);
    void vscode.window.showInformationMessage('AI Guardrails: review request copied to the clipboard as Markdown.');
  }
  return result;
}

const EDITOR_SIDE: Partial<Record<string, (args: unknown[], next: Next) => Promise<unknown>>> = {
  [ServerCommands.suppress]: suppress,
  [ServerCommands.markReviewed]: markReviewed,
  [ServerCommands.reviewMarkdown]: reviewMarkdown,
};

/** The language client's `executeCommand` middleware: server commands that need the editor. */
export const serverCommandMiddleware: ExecuteCommand = (command, args, next) => {
  const editorSide = EDITOR_SIDE[command];
  return editorSide ? editorSide(args, next) : next(command, args);
};

import * as fs from 'fs';
import * as path from 'path';
import { ResponseError, ErrorCodes, type CodeAction, type CodeActionParams, type ExecuteCommandParams } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { containsLine } from '../../../common/src/ranges';
import type { Finding, Region } from '../engine/types';
import { LedgerError } from '../review/ledger';
import { workspaceRelative } from '../engine/workspacePath';
import { ServerCommands } from '../../../common/src/commands';
import type { ReviewCommandArgs, ReviewStatus, SuppressCommandArgs } from '../../../common/src/protocol';
import type { GuardrailService } from '../service';
import { codeActions } from './codeActions';
import { reviewRequestMarkdown } from './reviewMarkdown';
import { isRecord } from '../json';

/** The region a command names: from the open document if it is open, else the workspace index. */
function findRegion(service: GuardrailService, uri: string, regionId: string): { region: Region; findings: Finding[] } | undefined {
  const analysis = service.openAnalysis(uri);
  const fromDoc = analysis?.regions.find((r) => r.id === regionId);
  if (fromDoc && analysis) return { region: fromDoc, findings: analysis.findings };
  const entry = service.index.get(uri);
  const fromIndex = entry?.regions.find((r) => r.id === regionId);
  return fromIndex && entry ? { region: fromIndex, findings: entry.findings } : undefined;
}

function argsOf(params: ExecuteCommandParams): Record<string, unknown> {
  const first = params.arguments?.[0];
  if (!isRecord(first) || typeof first.uri !== 'string' || typeof first.regionId !== 'string') {
    throw new ResponseError(ErrorCodes.InvalidParams, `${params.command} needs { uri, regionId }`);
  }
  return first;
}

function findingsIn(region: Region, findings: Finding[]): Finding[] {
  return findings.filter((f) => containsLine(region.span, f.span.start.line));
}

/** `workspace/executeCommand` for the review commands. */
export async function executeReviewCommand(service: GuardrailService, params: ExecuteCommandParams): Promise<unknown> {
  const args = argsOf(params);
  const uri = args.uri as string;
  const found = findRegion(service, uri, args.regionId as string);
  if (!found) {
    throw new ResponseError(ErrorCodes.InvalidParams, `no guardrail region ${String(args.regionId)} in ${uri} (the code changed; try again)`);
  }
  const { region } = found;
  const fsPath = URI.parse(uri).fsPath;
  const folder = service.folderOf(fsPath);
  const relPath = service.relPathOf(fsPath);
  switch (params.command) {
    case ServerCommands.requestReview:
    case ServerCommands.markReviewed: {
      if (!folder) throw new ResponseError(ErrorCodes.InvalidRequest, 'reviews are recorded in a workspace folder; open the folder that holds this file');
      const where = workspaceRelative(folder, fsPath);
      if ('outside' in where) throw new ResponseError(ErrorCodes.InvalidRequest, `reviews are recorded only for files in the workspace: ${where.outside}`);
      const note = typeof (args as Partial<ReviewCommandArgs>).note === 'string' ? (args.note as string) : undefined;
      const status = params.command === ServerCommands.requestReview ? 'requested' : 'approved';
      const ids = Array.isArray(args.regionIds) ? args.regionIds.filter((id): id is string => typeof id === 'string') : [];
      const others = ids.filter((id) => id !== region.id).map((id) => findRegion(service, uri, id)?.region);
      if (others.some((r) => r === undefined)) {
        throw new ResponseError(ErrorCodes.InvalidParams, `a guardrail region of ${uri} changed; try again`);
      }
      try {
        for (const r of [region, ...(others as Region[])]) {
          await service.reviews.record(folder, relPath, { category: r.category, fingerprint: r.fingerprint, symbol: r.symbol, suppressed: r.suppression !== undefined }, status, note);
        }
      } catch (err) {
        const message = err instanceof LedgerError ? err.message : `could not record the review: ${(err as Error).message}`;
        void service.connection.window.showErrorMessage(`AI Guardrails: ${message}`);
        throw new ResponseError(ErrorCodes.InternalError, message);
      }
      service.reviewsChanged();
      const result: ReviewStatus = service.reviewOf(uri, region).status;
      return result;
    }
    case ServerCommands.suppress: {
      const reason = typeof (args as Partial<SuppressCommandArgs>).reason === 'string' ? (args.reason as string).trim() : '';
      if (reason.length === 0) {
        throw new ResponseError(ErrorCodes.InvalidParams, 'a suppression needs a reason (ai-guardrails-ignore <category>: <reason>)');
      }
      if (/[\r\n]/.test(reason)) throw new ResponseError(ErrorCodes.InvalidParams, 'the reason must be a single line');
      const language = service.openText(uri)?.language ?? service.index.get(uri)?.language;
      const lineText = service.openLine(uri, region.span.start.line);
      const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
      const comment = language === 'python' ? '#' : '//';
      const edit = {
        changes: {
          [uri]: [{ range: { start: { line: region.span.start.line, character: 0 }, end: { line: region.span.start.line, character: 0 } }, newText: `${indent}${comment} ai-guardrails-ignore ${region.category}: ${reason}\n` }],
        },
      };
      const applied = await service.connection.workspace.applyEdit({ label: `Suppress ${region.category} guardrail`, edit });
      return applied.applied;
    }
    case ServerCommands.reviewMarkdown: {
      const markdown = reviewRequestMarkdown(relPath, region, service.reviewOf(uri, region), findingsIn(region, found.findings));
      // Our VS Code client copies the result to the clipboard; other editors drop a command's
      // result, so they get it as a file in .guardrails/local/, opened for them when they can.
      if (!service.isOurClient && folder) await showMarkdown(service, folder, region, markdown);
      return markdown;
    }
    default:
      throw new ResponseError(ErrorCodes.MethodNotFound, `unknown command ${params.command}`);
  }
}

async function showMarkdown(service: GuardrailService, folder: string, region: Region, markdown: string): Promise<void> {
  const dir = path.join(folder, '.guardrails', 'local', 'review-requests');
  const file = path.join(dir, `${region.symbol.replace(/[^\w.-]+/g, '_')}-${region.category}.md`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const ignore = path.join(folder, '.guardrails', 'local', '.gitignore');
    if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# Local to this machine (AI Guardrails).\n*\n');
    fs.writeFileSync(file, markdown);
  } catch (err) {
    void service.connection.window.showWarningMessage(`AI Guardrails: could not write the review request: ${(err as Error).message}`);
    return;
  }
  const uri = URI.file(file).toString();
  if (service.clientShowsDocuments) {
    const shown = await service.connection.window.showDocument({ uri, takeFocus: true }).catch(() => ({ success: false }));
    if (shown.success) return;
  }
  void service.connection.window.showInformationMessage(`AI Guardrails: review request written to ${file}`);
}

export function provideCodeActions(service: GuardrailService, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const analysis = service.openAnalysis(uri);
  if (!analysis) return [];
  return codeActions({
    uri,
    params,
    regions: analysis.regions,
    findings: analysis.findings,
    reviewOf: (r) => service.reviewOf(uri, r),
    // Only while the feature is on: an action that can only say "turn it on first" is clutter.
    askAi: service.askAiSupported && service.clientSettings.aiEnabled,
    promptsForReason: service.isOurClient,
    lineText: (line) => service.openLine(uri, line),
    language: service.openText(uri)?.language ?? '',
  });
}

import * as fs from 'fs';
import * as path from 'path';
import { DidChangeWatchedFilesNotification } from 'vscode-languageserver';
import { JOURNAL_PATH } from '../agents/journal';
import type { GuardrailService } from '../service';

export const JOURNAL_GLOB = '**/.guardrails/local/agent-edits.jsonl';
const POLL_MS = 1000;

/**
 * Keeps agent-edit marks current while hooks append to `.guardrails/local/agent-edits.jsonl`:
 * through the client's file watcher when it accepts a dynamic registration (VS Code and most LSP
 * clients; the events arrive in workspaceScan.filesChanged), else by polling the file's stat once
 * a second. fs.watchFile, unlike fs.watch, works for a file (and folder) that does not exist yet.
 */
export class AgentJournalWatcher {
  private readonly polled: string[] = [];

  constructor(private readonly service: GuardrailService) {}

  async start(clientCanWatch: boolean): Promise<void> {
    const service = this.service;
    if (clientCanWatch) {
      try {
        await service.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: JOURNAL_GLOB }] });
        return;
      } catch (err) {
        service.log(`agent-edit journal: the client refused a file watcher (${(err as Error).message}); polling instead`);
      }
    }
    for (const folder of service.folders) {
      const file = path.join(folder, JOURNAL_PATH);
      fs.watchFile(file, { interval: POLL_MS, persistent: false }, (now, before) => {
        if (now.mtimeMs !== before.mtimeMs || now.size !== before.size || now.ino !== before.ino) journalChanged(service, file);
      });
      this.polled.push(file);
    }
  }

  dispose(): void {
    for (const file of this.polled.splice(0)) fs.unwatchFile(file);
  }
}

/** Whether a watched-file event is about the agent-edit journal. */
export function isJournal(fsPath: string): boolean {
  return fsPath.endsWith(JOURNAL_PATH);
}

/** The journal of a folder changed: re-read it and refresh diagnostics and the sidebar. */
export function journalChanged(service: GuardrailService, fsPath: string): void {
  service.reviews.invalidateJournal(service.folderOf(fsPath));
  service.reviewsChanged();
}

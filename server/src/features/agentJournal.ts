import * as fs from 'fs';
import * as path from 'path';
import { DidChangeWatchedFilesNotification, FileChangeType, type FileEvent } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { LEDGER_PATH } from '../review/ledger';
import { TEAM_CONFIG_PATH } from '../settings';
import { JOURNAL_PATH } from '../agents/journal';
import type { GuardrailService } from '../service';

export const JOURNAL_GLOB = '**/.guardrails/local/agent-edits.jsonl';
/** What other editors (Neovim, Helix, Zed…) are asked to watch: the ledger, the team config, sources. */
export const WATCH_GLOBS = [JOURNAL_GLOB, '**/.guardrails/*.json', '**/*.{go,py,pyi,ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
const POLL_MS = 1000;

/**
 * Keeps agent-edit marks current while hooks append to `.guardrails/local/agent-edits.jsonl`:
 * through the client's file watcher when it accepts a dynamic registration (VS Code and most LSP
 * clients; the events arrive in workspaceScan.filesChanged), else by polling the file's stat once
 * a second. fs.watchFile, unlike fs.watch, works for a file (and folder) that does not exist yet.
 */
export class AgentJournalWatcher {
  private readonly polled: string[] = [];

  /** @param onFileEvents where polled changes go: the same handler as the client's file events */
  constructor(
    private readonly service: GuardrailService,
    private readonly onFileEvents: (changes: FileEvent[]) => void,
  ) {}

  /**
   * @param clientCanWatch the client accepts dynamic watcher registrations
   * @param clientSendsOwn the client already sends ledger, config and source events (our VS Code
   *   client's static watchers): then only the journal is registered
   */
  async start(clientCanWatch: boolean, clientSendsOwn = false): Promise<void> {
    const service = this.service;
    if (clientCanWatch) {
      try {
        const globs = clientSendsOwn ? [JOURNAL_GLOB] : WATCH_GLOBS;
        await service.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) });
        return;
      } catch (err) {
        service.log(`file watching: the client refused a watcher registration (${(err as Error).message}); polling .guardrails/ instead`);
      }
    }
    // No watcher from the client: poll the files that change outside the editor most (a CLI
    // approval, a git pull of the ledger or config, an agent's journal). Source files changed
    // outside the editor are seen when opened.
    const changed = (file: string) => this.onFileEvents([{ uri: URI.file(file).toString(), type: FileChangeType.Changed }]);
    for (const folder of service.folders) {
      for (const rel of [JOURNAL_PATH, LEDGER_PATH, TEAM_CONFIG_PATH]) {
        const file = path.join(folder, rel);
        fs.watchFile(file, { interval: POLL_MS, persistent: false }, (now, before) => {
          if (now.mtimeMs !== before.mtimeMs || now.size !== before.size || now.ino !== before.ino) {
            if (rel === JOURNAL_PATH) journalChanged(service, file);
            else changed(file);
          }
        });
        this.polled.push(file);
      }
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

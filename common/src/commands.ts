/**
 * Every command id. `ClientCommands` are registered by the extension (most are contributed in
 * package.json); `ServerCommands` are executed by the language server (workspace/executeCommand)
 * and work from any LSP client.
 */
export const ClientCommands = {
  restartServer: 'aiGuardrails.restartServer',
  showOutput: 'aiGuardrails.showOutput',
  rescan: 'aiGuardrails.rescan',
  filter: 'aiGuardrails.filter',
  groupByCategory: 'aiGuardrails.groupByCategory',
  groupByFile: 'aiGuardrails.groupByFile',
  requestReview: 'aiGuardrails.requestReview',
  markReviewed: 'aiGuardrails.markReviewed',
  copyReviewMarkdown: 'aiGuardrails.copyReviewMarkdown',
  revealRegion: 'aiGuardrails.revealRegion',
  /** `aiGuardrails.askAi(uri, position)`: the server's code actions offer it when the client announces it. */
  askAi: 'aiGuardrails.askAi',
  previewAiRequest: 'aiGuardrails.previewAiRequest',
  setAiApiKey: 'aiGuardrails.setAiApiKey',
  clearAiApiKey: 'aiGuardrails.clearAiApiKey',
} as const;

/** For the VS Code integration suite; the consent commands exist only under the test runner (ExtensionMode.Test). */
export const TestCommands = {
  getState: 'aiGuardrails.test.getState',
  grantAiConsent: 'aiGuardrails.test.grantAiConsent',
  revokeAiConsent: 'aiGuardrails.test.revokeAiConsent',
} as const;

/**
 * Commands the server executes (workspace/executeCommand), usable from any LSP client.
 * requestReview / markReviewed take ReviewCommandArgs and return the new ReviewStatus;
 * suppress takes SuppressCommandArgs (an empty reason is refused); reviewMarkdown takes
 * ReviewCommandArgs and returns the Markdown text (the client copies it to the clipboard).
 */
export const ServerCommands = {
  requestReview: 'aiGuardrails.server.requestReview',
  markReviewed: 'aiGuardrails.server.markReviewed',
  suppress: 'aiGuardrails.server.suppress',
  reviewMarkdown: 'aiGuardrails.server.reviewMarkdown',
} as const;

export type ServerCommandId = (typeof ServerCommands)[keyof typeof ServerCommands];

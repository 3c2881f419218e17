/**
 * The extension's fixed names. A module of their own, without the LSP protocol packages that
 * protocol.ts needs, so the CLI bundle (which reads settings) does not carry them.
 */
export const EXTENSION_ID = 'ai-guardrails';
export const DIAGNOSTIC_SOURCE = 'ai-guardrails';
export const CONFIG_SECTION = 'aiGuardrails';

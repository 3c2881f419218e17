/**
 * What a review request would send (the key masked) and the defaults it needs, without the
 * `openai` SDK: the CLI's `ai-review --preview`, its usage text and the language server's preview
 * use this, and load the SDK (client.ts, a bundle of its own: scripts/build.js) only to send.
 */
import type { ReviewRequestBody } from './prompt';
import { isLoopbackUrl, parseBaseUrl, resolveEndpoint, type EndpointConfig } from '../../../common/src/ai';

export const DEFAULT_TIMEOUT_MS = 60_000;
/** Key sent to loopback servers (Ollama, LM Studio, vLLM) when none is configured. */
export const LOCAL_PLACEHOLDER_KEY = 'local-no-key';

export interface RequestPreview {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: ReviewRequestBody & { stream: boolean };
}

/** Exactly what would be sent, with the key masked: for the "preview request" command and `--preview`. */
export function previewRequest(config: EndpointConfig, body: ReviewRequestBody, stream = true): RequestPreview {
  const resolved = resolveEndpoint(config, body.model);
  const keyed = config.apiKey?.trim() ? '<your API key>' : isLoopbackUrl(parseBaseUrl(config.baseUrl)) ? LOCAL_PLACEHOLDER_KEY : '<no key set>';
  return {
    method: 'POST',
    url: resolved.url,
    headers: {
      'Content-Type': 'application/json',
      [resolved.authHeader]: resolved.authHeader === 'Authorization' ? `Bearer ${keyed}` : keyed,
    },
    body: { ...body, stream },
  };
}

/**
 * The `aiGuardrails/aiPreview` and `aiGuardrails/aiReview` requests: the language server builds
 * the chat request from a context it produced (redacted) and, for a review, sends it and streams
 * the answer back as `aiGuardrails/aiReviewProgress` notifications. The editor decides whether
 * anything may be sent (settings, workspace trust, consent) and passes the key with each review;
 * the key is used for that request only and is never stored or logged here.
 */
import type { CancellationToken, Connection } from 'vscode-languageserver';
import {
  AiError,
  aiErrorData,
  endpointConfig,
  type AiPreviewParams,
  type AiPreviewResult,
  type AiReviewOutcome,
  type AiReviewParams,
  type AiReviewProgressParams,
} from '../../../common/src/ai';
import { Notifications } from '../../../common/src/protocol';
import { previewRequest } from './preview';
import { buildReviewRequest, describeRedactions, REDACTION_POLICY } from './prompt';

function asAiError(err: unknown): AiError {
  return err instanceof AiError ? err : new AiError('server', err instanceof Error ? err.message : String(err));
}

/** The preview document: what a review would send, the key masked. */
export function aiPreview(params: AiPreviewParams): AiPreviewResult {
  const { context, endpoint } = params;
  try {
    const body = buildReviewRequest(context, endpoint.model);
    const req = previewRequest(endpointConfig(endpoint, params.keySet ? 'set' : undefined), body, true);
    const redactions = context.redactions.map((r) => `//   line ${r.line}: ${r.kind} → ${r.placeholder}`);
    const text = [
      '// What "Ask AI for a second opinion" would send. Nothing has been sent.',
      `// ${REDACTION_POLICY}`,
      `// ${describeRedactions(context.redactions)}`,
      ...redactions,
      '// The API key is masked here and is never written to settings or logs.',
      JSON.stringify(req, null, 2),
      '',
    ].join('\n');
    return { text };
  } catch (err) {
    return { error: aiErrorData(asAiError(err)) };
  }
}

/** Sends the review; failures (cancellation included) come back as an error outcome, not a rejection. */
export async function aiReview(connection: Connection, params: AiReviewParams, token: CancellationToken): Promise<AiReviewOutcome> {
  const { reviewId, context, endpoint } = params;
  const controller = new AbortController();
  const cancel = token.onCancellationRequested(() => controller.abort());
  const progress = (p: Omit<AiReviewProgressParams, 'reviewId'>) => void connection.sendNotification(Notifications.aiReviewProgress, { reviewId, ...p });
  try {
    // Loaded on the first review, not at start-up: the openai SDK is a bundle of its own (scripts/build.js).
    const { requestReview } = await import('./client');
    const result = await requestReview(endpointConfig(endpoint, params.apiKey), buildReviewRequest(context, endpoint.model), {
      signal: controller.signal,
      onDelta: (delta) => progress({ delta }),
      onFinding: (finding) => progress({ finding }),
      onRetry: (retry) => progress({ retry }),
    });
    return { result };
  } catch (err) {
    return { error: aiErrorData(asAiError(err)) };
  } finally {
    cancel.dispose();
  }
}

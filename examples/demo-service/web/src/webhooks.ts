import { createHmac } from 'node:crypto';

/**
 * Checks a partner webhook's signature. Written with an assistant; note the comparison:
 * `===` on secrets leaks timing (this is the bug the demo is meant to surface).
 */
export function isValidSignature(rawBody: string, signature: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(rawBody).digest('hex');
  return signature === expected;
}

export function parseEvent(rawBody: string): { type: string; orderId: string } {
  const event = JSON.parse(rawBody) as { type?: unknown; order_id?: unknown };
  if (typeof event.type !== 'string' || typeof event.order_id !== 'string') throw new Error('malformed event');
  return { type: event.type, orderId: event.order_id };
}

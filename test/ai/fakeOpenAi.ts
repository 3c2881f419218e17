/**
 * A small OpenAI-compatible server for the tests, on 127.0.0.1 with an ephemeral port. It speaks
 * the real wire protocol: POST /v1/chat/completions answered with a JSON chat completion, or with
 * `text/event-stream` chunks (`data: {...}\n\n` … `data: [DONE]\n\n`) when the body says
 * `stream: true`. Every request is recorded (method, path, headers, parsed body, arrival time).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  raw: string;
  at: number;
  /** Set when the client closed the connection before the response ended. */
  aborted: boolean;
}

export type Handler = (req: RecordedRequest, res: http.ServerResponse) => void | Promise<void>;

export class FakeOpenAi {
  readonly requests: RecordedRequest[] = [];
  /** Answers every request; replace per test. Defaults to `answerWith(this.answer)`. */
  handler: Handler;
  /** What the default handler answers. */
  answer = '{"findings": []}';
  model = 'fake-model-1';

  private constructor(private readonly server: http.Server) {
    this.handler = (req, res) => answerWith(req, res, this.answer, { model: this.model });
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          // recorded as {}
        }
        const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, raw, at: Date.now(), aborted: false };
        this.requests.push(recorded);
        res.on('close', () => {
          if (!res.writableEnded) recorded.aborted = true;
        });
        if (req.method !== 'POST' || !/\/chat\/completions(\?|$)/.test(req.url ?? '')) {
          sendError(res, 404, `no route ${req.method} ${req.url}`);
          return;
        }
        void Promise.resolve(this.handler(recorded, res)).catch((err: unknown) => {
          if (!res.headersSent) sendError(res, 500, String(err));
        });
      });
    });
  }

  static async start(): Promise<FakeOpenAi> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeOpenAi(server);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  /** Resolves when `n` requests have arrived. */
  async waitForRequests(n: number, ms = 5000): Promise<void> {
    const until = Date.now() + ms;
    while (this.requests.length < n) {
      if (Date.now() > until) throw new Error(`expected ${n} requests, got ${this.requests.length}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Resolves when the client has closed request `i` before its response ended. */
  async waitForAborted(i: number, ms = 5000): Promise<void> {
    const until = Date.now() + ms;
    while (!this.requests[i]?.aborted) {
      if (Date.now() > until) throw new Error(`request ${i} was not closed by the client within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** An OpenAI-style error body: `{"error": {"message", "type", "code"}}`. */
export function sendError(res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}, code: string | null = null): void {
  sendJson(res, status, { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'invalid_request_error', param: null, code } }, headers);
}

export function completion(content: string, model = 'fake-model-1', finish = 'stop'): Record<string, unknown> {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finish }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

export function chunk(content: string | undefined, model = 'fake-model-1', finish: string | null = null): Record<string, unknown> {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta: content === undefined ? {} : { content }, logprobs: null, finish_reason: finish }],
  };
}

export function startSse(res: http.ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
}

export function writeSse(res: http.ServerResponse, data: unknown): void {
  res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

/** Streams `pieces` as chunks (with `delayMs` between them) and ends with `data: [DONE]`. */
export async function streamPieces(res: http.ServerResponse, pieces: string[], options: { model?: string; delayMs?: number } = {}): Promise<void> {
  startSse(res);
  writeSse(res, { ...chunk(undefined, options.model), choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  for (const p of pieces) {
    if (res.destroyed) return;
    writeSse(res, chunk(p, options.model));
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
  }
  if (res.destroyed) return;
  writeSse(res, chunk(undefined, options.model, 'stop'));
  res.write('data: [DONE]\n\n');
  res.end();
}

/** Splits a text into small pieces, the way models stream tokens. */
export function pieces(text: string, size = 7): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Answers with `content`, as SSE or JSON depending on the request's `stream`. */
export async function answerWith(req: RecordedRequest, res: http.ServerResponse, content: string, options: { model?: string } = {}): Promise<void> {
  if (req.body.stream === true) await streamPieces(res, pieces(content), options);
  else sendJson(res, 200, completion(content, options.model));
}

/** A port nothing listens on: bind, read the port, close. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

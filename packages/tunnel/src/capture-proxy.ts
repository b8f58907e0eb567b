import { Agent as HttpAgent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { CapturedExchange } from '@skylift/core';
import { BodySample } from './capture/body-sample.ts';
import { redactHeaders, scrubSecrets, secretValues } from './capture/redact.ts';

export interface ProxyExchange {
  readonly time: Date;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  /** Response body bytes. */
  readonly bytes: number;
  /** The capture line; present when capturing. */
  readonly captured?: CapturedExchange;
}

export interface CaptureProxyOptions {
  /** The app: `http://127.0.0.1:3000` (or https). */
  readonly target: URL;
  /** Keep request and response bodies (up to `bodyCap` bytes) for the capture. */
  readonly capture: boolean;
  readonly bodyCap?: number;
  /** Headers to redact besides Authorization, Proxy-Authorization, Cookie and Set-Cookie. */
  readonly redact?: readonly string[];
  readonly onExchange: (exchange: ProxyExchange) => void;
}

export interface CaptureProxy {
  /** `http://127.0.0.1:PORT`: what the tunnel forwards to. */
  readonly url: string;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name)) copy[name] = value;
  return copy;
}

function endToEndRaw(raw: string[]): string[] {
  const copy: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!HOP_BY_HOP.has(raw[i]!.toLowerCase())) copy.push(raw[i]!, raw[i + 1]!);
  return copy;
}

interface SeenMessage {
  readonly headers: IncomingHttpHeaders;
  readonly body: BodySample;
}

/**
 * One capture line. Secret headers are redacted, and their values are scrubbed from text bodies
 * too: an app that echoes a request's headers must not leak its Authorization into the file.
 */
function capturedExchange(
  time: Date,
  durationMs: number,
  request: SeenMessage & { method: string; path: string },
  response: SeenMessage & { status: number },
  redact: readonly string[] = [],
): CapturedExchange {
  const secrets = [...secretValues(request.headers, redact), ...secretValues(response.headers, redact)];
  const message = (seen: SeenMessage) => {
    const sample = seen.body.toMessage(seen.headers['content-type']);
    return {
      headers: redactHeaders(endToEnd(seen.headers), redact),
      ...sample,
      body: sample.bodyEncoding === 'utf8' ? scrubSecrets(sample.body, secrets) : sample.body,
    };
  };
  return {
    time: time.toISOString(),
    request: { method: request.method, path: request.path, ...message(request) },
    response: { status: response.status, ...message(response) },
    durationMs: Math.round(durationMs * 1000) / 1000,
  };
}

/**
 * Sits between the tunnel and the app, in-process: keep-alive connections to the app, bodies
 * streamed (never buffered whole), and a tee that keeps the first `bodyCap` bytes for the capture.
 * It adds only a loopback hop, so its cost is a fraction of a millisecond per request.
 */
export async function startCaptureProxy(options: CaptureProxyOptions): Promise<CaptureProxy> {
  const secure = options.target.protocol === 'https:';
  const pool = { keepAlive: true, scheduling: 'lifo', noDelay: true } as const;
  const agent = secure ? new HttpsAgent(pool) : new HttpAgent(pool);
  const send = secure ? httpsRequest : httpRequest;
  const cap = options.bodyCap ?? 256 * 1024;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const time = new Date();
    const started = performance.now();
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const requestBody = options.capture ? new BodySample(cap) : undefined;
    const responseBody = new BodySample(options.capture ? cap : 0);
    const upstream = send({
      agent,
      host: options.target.hostname,
      port: options.target.port,
      method,
      path,
      headers: endToEnd(req.headers),
      setHost: false,
    });
    if (requestBody) req.on('data', (chunk: Buffer) => requestBody.add(chunk));
    req.pipe(upstream);

    // Runs after the response's last bytes left (setImmediate): the log line and the capture
    // line cost a fraction of a millisecond that the client should not wait for.
    const finish = (status: number, responseHeaders: IncomingHttpHeaders) => {
      const durationMs = performance.now() - started;
      setImmediate(report, status, responseHeaders, durationMs);
    };
    const report = (status: number, responseHeaders: IncomingHttpHeaders, durationMs: number) => {
      options.onExchange({
        time,
        method,
        path,
        status,
        durationMs,
        bytes: responseBody.bytes,
        captured: requestBody && capturedExchange(time, durationMs, { method, path, headers: req.headers, body: requestBody }, { status, headers: responseHeaders, body: responseBody }, options.redact),
      });
    };

    upstream.on('response', (response) => {
      const status = response.statusCode ?? 502;
      res.writeHead(status, response.statusMessage, endToEndRaw(response.rawHeaders));
      response.on('data', (chunk: Buffer) => responseBody.add(chunk));
      response.pipe(res);
      response.on('end', () => finish(status, response.headers));
      response.on('error', () => res.destroy());
    });
    upstream.on('error', (error) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const body = `skylift: the app at ${options.target.origin} did not answer (${error.message})\n`;
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      responseBody.add(Buffer.from(body));
      finish(502, { 'content-type': 'text/plain; charset=utf-8' });
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
  };

  const server = createServer({ noDelay: true, keepAlive: true }, handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

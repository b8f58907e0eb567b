import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { readLedger, REDACTED, type CapturedExchange } from '@skylift/core';
import { CaptureInvalid, NoRequests, SuiteUnreadable } from './errors.ts';
import type { ComparisonRequest } from './request.ts';

/** Request headers that belong to the hop the capture was taken on, not to the request itself. */
const dropped = /^(host|content-length|connection|keep-alive|proxy-connection|transfer-encoding|te|trailer|upgrade|forwarded|x-forwarded-.*|x-real-ip|ngrok-.*|x-original-.*)$/i;

export interface CaptureRequests {
  readonly requests: ComparisonRequest[];
  /** What was left out or changed, one line each (redacted headers, truncated bodies). */
  readonly notes: string[];
}

/**
 * Turns a `share` capture (JSONL of CapturedExchange) into requests. Identical method+path lines
 * become samples of one endpoint. Redacted headers are dropped (replaying "[REDACTED]" would only
 * test the auth failure), and requests whose body was cut are skipped: they cannot be replayed
 * identically.
 */
export async function requestsFromCapture(file: string): Promise<CaptureRequests> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw SuiteUnreadable(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  return parseCapture(text, file);
}

export function parseCapture(text: string, name: string): CaptureRequests {
  const requests: ComparisonRequest[] = [];
  const notes: string[] = [];
  const redacted = new Set<string>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${name}:${index + 1}`;
    let exchange: CapturedExchange;
    try {
      exchange = JSON.parse(line) as CapturedExchange;
    } catch (error) {
      throw CaptureInvalid(where, `not JSON (${(error as Error).message})`);
    }
    const request = exchange?.request;
    if (!request || typeof request.method !== 'string' || typeof request.path !== 'string' || !request.path.startsWith('/'))
      throw CaptureInvalid(where, 'no request.method and request.path');
    if (request.bodyTruncated) {
      notes.push(`${where}: ${request.method} ${request.path} skipped: its body was cut at capture time`);
      return;
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.headers ?? {})) {
      const lower = key.toLowerCase();
      const joined = Array.isArray(value) ? value.join(', ') : String(value);
      if (dropped.test(lower)) continue;
      if (joined.includes(REDACTED)) {
        redacted.add(lower);
        continue;
      }
      headers[lower] = joined;
    }
    const body = request.body ? (request.bodyEncoding === 'base64' ? Buffer.from(request.body, 'base64') : request.body) : undefined;
    const method = request.method.toUpperCase();
    requests.push({
      name: `${method} ${request.path}`,
      method,
      path: request.path,
      headers,
      ...(body !== undefined && body.length > 0 ? { body } : {}),
      origin: where,
    });
  });
  if (redacted.size > 0) notes.push(`not replayed (redacted in the capture): ${[...redacted].sort().join(', ')}`);
  return { requests, notes };
}

/** The capture of the project's last `skylift share` (ledger section `share.capturePath`). */
export async function lastSharedCapture(projectDir: string): Promise<string> {
  const share = (await readLedger(projectDir)).share as { capturePath?: unknown } | undefined;
  if (typeof share?.capturePath !== 'string' || share.capturePath === '')
    throw NoRequests('no capture recorded in .skylift/state.json; run `skylift share` first or give --from-capture <file.jsonl>');
  return isAbsolute(share.capturePath) ? share.capturePath : join(projectDir, share.capturePath);
}

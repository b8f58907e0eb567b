import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REDACTED, updateLedgerSection, type CapturedExchange } from '@skylift/core';
import { describe, expect, it } from 'vitest';
import { lastSharedCapture, requestsFromCapture } from './from-capture.ts';

const exchange = (method: string, path: string, extra: Partial<CapturedExchange['request']> = {}): CapturedExchange => ({
  time: '2026-11-25T15:00:00.000Z',
  request: { method, path, headers: {}, body: '', bodyEncoding: 'utf8', bodyBytes: 0, bodyTruncated: false, ...extra },
  response: { status: 200, headers: {}, body: '', bodyEncoding: 'utf8', bodyBytes: 0, bodyTruncated: false },
  durationMs: 3,
});

describe('requestsFromCapture', () => {
  it('replays a share capture: hop headers and redacted values dropped, truncated bodies skipped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'skylift-capture-'));
    try {
      const file = join(dir, 'share.jsonl');
      const lines = [
        exchange('GET', '/api/items?limit=2', {
          headers: { host: 'abc.ngrok.app', 'x-forwarded-for': '1.2.3.4', accept: 'application/json', authorization: REDACTED, 'ngrok-skip-browser-warning': '1' },
        }),
        exchange('GET', '/api/items?limit=2'),
        exchange('POST', '/api/items', { body: Buffer.from('{"name":"kite"}').toString('base64'), bodyEncoding: 'base64', bodyBytes: 15 }),
        exchange('POST', '/api/upload', { body: 'xx', bodyBytes: 10_000_000, bodyTruncated: true }),
      ];
      await writeFile(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
      const { requests, notes } = await requestsFromCapture(file);
      expect(requests.map((r) => [r.name, r.headers])).toEqual([
        ['GET /api/items?limit=2', { accept: 'application/json' }],
        ['GET /api/items?limit=2', {}],
        ['POST /api/items', {}],
      ]);
      expect(Buffer.from(requests[2]!.body as Uint8Array).toString()).toBe('{"name":"kite"}');
      expect(notes).toEqual([`${file}:4: POST /api/upload skipped: its body was cut at capture time`, 'not replayed (redacted in the capture): authorization']);

      await writeFile(file, `${JSON.stringify(lines[0])}\nnot json\n`);
      await expect(requestsFromCapture(file)).rejects.toThrow(`${file}:2: not JSON`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('lastSharedCapture', () => {
  it("finds the project's last share capture in the ledger, or says to run share", async () => {
    const project = await mkdtemp(join(tmpdir(), 'skylift-capture-project-'));
    try {
      await expect(lastSharedCapture(project)).rejects.toMatchObject({ code: 'SKYLIFT_COMPARE_NO_REQUESTS', exitCode: 2 });
      await updateLedgerSection(project, 'share', () => ({ url: 'https://x.ngrok.app', capturePath: '.skylift/captures/share-1.jsonl' }));
      expect(await lastSharedCapture(project)).toBe(join(project, '.skylift/captures/share-1.jsonl'));
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});

import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';

/** One keep-alive client per origin, as a browser or API client would hold. */
export function client(origin: string, ca?: string) {
  const secure = origin.startsWith('https:');
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: 1, ca }) : new HttpAgent({ keepAlive: true, maxSockets: 1 });
  const send = secure ? httpsRequest : httpRequest;
  /** Milliseconds until the whole response was read; rejects on a non-2xx status. */
  const time = (path: string, options: { method?: string; body?: Buffer } = {}) =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const req = send(
        `${origin}${path}`,
        { agent, method: options.method ?? 'GET', headers: options.body ? { 'content-type': 'application/octet-stream' } : {} },
        (res) => {
          res.resume();
          res.on('end', () => ((res.statusCode ?? 0) < 300 ? resolve(performance.now() - started) : reject(new Error(`${path}: HTTP ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  return { time, close: () => agent.destroy() };
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Runs `a` and `b` in alternation so drift in machine load hits both equally. */
export async function alternate(rounds: number, a: () => Promise<number>, b: () => Promise<number>): Promise<[number[], number[]]> {
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    first.push(await a());
    second.push(await b());
  }
  return [first, second];
}

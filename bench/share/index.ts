import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { localNgrokEdge, stopLocalCloud } from '@skylift/local-cloud';
import { resolveConnection, startCaptureProxy, startShare } from '@skylift/tunnel';
import { BODY_BYTES, startBenchApp } from './bench-app.ts';
import { alternate, client, percentile } from './measure.ts';

// `npm run bench:share -w @skylift/bench`: the three share figures from one run on the local edge.
const LATENCY_ROUNDS = Number(process.env.BENCH_LATENCY_ROUNDS ?? 1000);
const BODY_ROUNDS = Number(process.env.BENCH_BODY_ROUNDS ?? 10);
const bin = fileURLToPath(new URL('../../packages/cli/bin/skylift.js', import.meta.url));
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const log = (line: string) => process.stderr.write(`${line}\n`);

// A local cloud of its own (SKYLIFT_HOME, inherited by the CLI), so the edge daemon runs this
// checkout's code and not whatever an earlier run left behind; stopped at the end.
const project = await mkdtemp(join(tmpdir(), 'skylift-bench-share-'));
process.env.SKYLIFT_HOME = join(project, 'home');
const edgeStarted = performance.now();
const edge = await localNgrokEdge();
log(`local edge at ${edge.serverAddr} (${ms(performance.now() - edgeStarted)} to start its daemon; not part of the figures)`);
const app = await startBenchApp();

/** Figure 1, as a user meets it: `skylift share` spawned, until its URL answers a first request. */
async function cliStartToFirstResponse(): Promise<{ totalMs: number; url: string; stop: () => Promise<void> }> {
  const started = performance.now();
  const cli = spawn(process.execPath, [bin, 'share', '--port', String(app.port), '--target', 'local', '--json'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
  // Its request log is drained, not shown: a thousand lines would bury the figures.
  let stderr = '';
  cli.stderr.on('data', (chunk: Buffer) => (stderr = `${stderr}${chunk}`.slice(-4000)));
  const exited = new Promise((resolve) => cli.once('exit', resolve));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: cli.stdout }).once('line', resolve);
    cli.once('exit', (code) => reject(new Error(`skylift share exited with ${code}: ${stderr}`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  const first = client(url, edge.caPem);
  await first.time('/health');
  first.close();
  return { totalMs: performance.now() - started, url, stop: async () => void (cli.kill('SIGINT'), await exited) };
}

/** The same, in-process (startShare), which leaves out node + tsx start-up of the CLI. */
async function inProcessStartToFirstResponse(): Promise<number> {
  const started = performance.now();
  const share = await startShare(
    { projectDir: project, app: new URL(app.url), target: 'local', connection: await resolveConnection('local', undefined), capture: true },
    { log: () => undefined },
  );
  const first = client(share.url, edge.caPem);
  await first.time('/health');
  const elapsed = performance.now() - started;
  first.close();
  await share.stop();
  return elapsed;
}

async function nodeStartMs(): Promise<number> {
  const started = performance.now();
  await new Promise((resolve) => spawn(process.execPath, [bin, '--version'], { stdio: 'ignore' }).once('exit', resolve));
  return performance.now() - started;
}

try {
  const inProcessMs = await inProcessStartToFirstResponse();
  const cliBareMs = await nodeStartMs();
  const share = await cliStartToFirstResponse();
  log(`sharing ${app.url} at ${share.url}; measuring ${LATENCY_ROUNDS} GET /health each way, ${BODY_ROUNDS} × 5 MB each way`);
  try {
    const direct = client(app.url);
    const tunnel = client(share.url, edge.caPem);
    await alternate(50, () => direct.time('/health'), () => tunnel.time('/health')); // warm-up
    const [directLatency, tunnelLatency] = await alternate(LATENCY_ROUNDS, () => direct.time('/health'), () => tunnel.time('/health'));
    // The capture proxy alone (in this process), to show its share of the added latency.
    const proxy = await startCaptureProxy({ target: new URL(app.url), capture: true, onExchange: () => undefined });
    const viaProxy = client(proxy.url);
    const [directBeside, proxyLatency] = await alternate(LATENCY_ROUNDS, () => direct.time('/health'), () => viaProxy.time('/health'));
    viaProxy.close();
    await proxy.close();
    const [directDown, tunnelDown] = await alternate(BODY_ROUNDS, () => direct.time('/bench/body'), () => tunnel.time('/bench/body'));
    const upload = Buffer.alloc(BODY_BYTES, 0x75);
    const post = (c: ReturnType<typeof client>) => () => c.time('/bench/body', { method: 'POST', body: upload });
    const [directUp, tunnelUp] = await alternate(BODY_ROUNDS, post(direct), post(tunnel));
    direct.close();
    tunnel.close();

    const mbps = (samples: number[]) => (BODY_BYTES * samples.length) / 1024 / 1024 / (samples.reduce((sum, value) => sum + value, 0) / 1000);
    const p = (samples: number[], q: number) => percentile(samples, q);
    const figures = {
      startToFirstResponseMs: { cli: share.totalMs, cliProcessStartOnly: cliBareMs, inProcess: inProcessMs },
      latencyAddedMs: { p50: p(tunnelLatency, 0.5) - p(directLatency, 0.5), p95: p(tunnelLatency, 0.95) - p(directLatency, 0.95) },
      proxyAddedMs: { p50: p(proxyLatency, 0.5) - p(directBeside, 0.5), p95: p(proxyLatency, 0.95) - p(directBeside, 0.95) },
      latencyMs: { directP50: p(directLatency, 0.5), directP95: p(directLatency, 0.95), tunnelP50: p(tunnelLatency, 0.5), tunnelP95: p(tunnelLatency, 0.95) },
      throughput5MB: {
        downloadRatio: mbps(tunnelDown) / mbps(directDown),
        uploadRatio: mbps(tunnelUp) / mbps(directUp),
        downloadMBps: { direct: mbps(directDown), tunnel: mbps(tunnelDown) },
        uploadMBps: { direct: mbps(directUp), tunnel: mbps(tunnelUp) },
      },
    };
    const t = figures.throughput5MB;
    console.log(
      [
        `1. start → first proxied response: ${ms(share.totalMs)} via the CLI (of which ${ms(cliBareMs)} is node + tsx starting \`skylift --version\`); ${ms(inProcessMs)} in-process  [target ≤ 1000 ms]`,
        `2. latency added by the tunnel: p50 ${ms(figures.latencyAddedMs.p50)}, p95 ${ms(figures.latencyAddedMs.p95)}  (direct p50 ${ms(figures.latencyMs.directP50)} p95 ${ms(figures.latencyMs.directP95)}; tunnel p50 ${ms(figures.latencyMs.tunnelP50)} p95 ${ms(figures.latencyMs.tunnelP95)})  [target p50 ≤ 1 ms]`,
        `   the capture proxy alone (measured beside it) adds: p50 ${ms(figures.proxyAddedMs.p50)}, p95 ${ms(figures.proxyAddedMs.p95)}`,
        `3. 5 MB bodies through the tunnel: download ${t.downloadRatio.toFixed(2)}× direct (${t.downloadMBps.tunnel.toFixed(0)} vs ${t.downloadMBps.direct.toFixed(0)} MB/s), upload ${t.uploadRatio.toFixed(2)}× (${t.uploadMBps.tunnel.toFixed(0)} vs ${t.uploadMBps.direct.toFixed(0)} MB/s)  [target ≥ 0.5×]`,
        `(machine load average at the end: ${loadavg().map((value) => value.toFixed(1)).join(' ')} on ${availableParallelism()} cores)`,
      ].join('\n'),
    );
    if (process.env.BENCH_JSON) console.log(JSON.stringify(figures));
  } finally {
    await share.stop();
  }
} finally {
  await app.close();
  await stopLocalCloud();
  await rm(project, { recursive: true, force: true });
}

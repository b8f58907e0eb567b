// `npm run bench:promote -w @skylift/bench`: one first promote and one re-promote after a one-line
// change, on the local cloud, through the real CLI. Prints the wall-time ratio (target ≤ 0.3×),
// bytes pushed over the app layer's size (target ≤ 1.1×) and the time of every stage.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { imageSizeOverBase } from '@skylift/container';
import { readPromoteSection, startLocalTarget, type PromoteResult } from '@skylift/promote';
import { copySampleApi } from '../container/sample-api-copy.ts';

const cli = fileURLToPath(new URL('../../packages/cli/bin/skylift.js', import.meta.url));

interface Timed {
  readonly wallMs: number;
  readonly result: PromoteResult;
}

function promote(dir: string, baseline: string): Promise<Timed> {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'promote', '--target', 'local', '--baseline', baseline, '--json', '--dir', dir], {
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`promote exited ${code}:\n${stderr}`));
      else resolve({ wallMs: performance.now() - started, result: JSON.parse(stdout) as PromoteResult });
    }),
  );
}

function stageLine(label: string, run: Timed): string {
  const stages = Object.entries(run.result.stages)
    .map(([name, stage]) => `${name} ${stage?.ran ? `${(stage.durationMs / 1000).toFixed(2)}s` : 'skipped'}`)
    .join(', ');
  return `${label.padEnd(12)} ${(run.wallMs / 1000).toFixed(2)}s wall, ${(run.result.durationMs / 1000).toFixed(2)}s in the pipeline: ${stages}`;
}

const target = await startLocalTarget();
const app = await copySampleApi();
const { buildApp } = await import('@skylift/sample-api');
const baselineApp = buildApp({ behaviour: 'normal' });
await baselineApp.listen({ port: 0, host: '127.0.0.1' });
const baseline = `http://127.0.0.1:${(baselineApp.server.address() as { port: number }).port}`;
try {
  await app.bundle();
  const first = await promote(app.dir, baseline);
  await app.changeOneLine(`bench-${Date.now()}`);
  await app.bundle();
  const second = await promote(app.dir, baseline);
  const section = await readPromoteSection(app.dir);
  const { appBytes } = await imageSizeOverBase(target.docker, section?.image.current?.imageId ?? '', target.nodeBaseImage);
  const pushed = second.result.image?.bytesPushed ?? 0;
  const ratio = second.wallMs / first.wallMs;
  console.log(stageLine('first', first));
  console.log(stageLine('re-promote', second));
  console.log(`wall-time ratio re-promote/first: ${ratio.toFixed(2)}× (target ≤ 0.3×) ${ratio <= 0.3 ? 'met' : 'NOT met'}`);
  // The CLI's start-up (tsx, the SDKs) is the same in both runs; the pipeline's own time shows the stages.
  console.log(`pipeline-time ratio re-promote/first: ${(second.result.durationMs / first.result.durationMs).toFixed(2)}×`);
  console.log(
    `bytes pushed after a one-line change: ${pushed} over an app layer of ${appBytes} = ${(pushed / appBytes).toFixed(2)}× (target ≤ 1.1×) ${pushed / appBytes <= 1.1 ? 'met' : 'NOT met'}`,
  );
} finally {
  await baselineApp.close();
  await new Promise<void>((resolve) => {
    const down = spawn(process.execPath, [cli, 'down', '--yes', '--dir', app.dir], { stdio: 'ignore', env: { ...process.env, CI: 'true' } });
    down.on('close', () => resolve());
  });
  await app.remove();
}

import { spawn } from 'node:child_process';
import { access, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/paths.ts';
import { findSecret, knownSecrets } from './helpers/secrets.ts';

function npmRunDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('npm', ['run', '--silent', 'demo'], { cwd: REPO_ROOT, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('the README demo line: share through the local edge, promote, compare tunnel vs cloud, report, clean up', async () => {
  const demo = await npmRunDemo();
  expect(demo.code, demo.stderr).toBe(0);
  const cloudUrl = demo.stdout.trim();
  expect(cloudUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  const shown = demo.stderr;
  expect(shown).toMatch(/tunnel: https:\/\/127\.0\.0\.1:\d+/);
  // promote used the running share as its baseline, and the side-by-side compare found them the same.
  expect(shown).toContain('Promoted:');
  expect(shown).toMatch(/baseline https:\/\/127\.0\.0\.1:\d+ \(share\)/);
  const report = /report  (\/\S+tunnel-vs-cloud\.html)/.exec(shown)?.[1] ?? '';
  await access(report);
  // The demo keeps its project directory so the report stays readable; the test does not need it.
  const projectDir = report.replace(/\/\.skylift\/reports\/.*$/, '');
  expect(projectDir.startsWith(join(tmpdir(), 'skylift-demo-'))).toBe(true);
  await rm(projectDir, { recursive: true, force: true });
  expect(shown).toMatch(/removed: acrPull .*resourceGroup/);
  expect(shown).toMatch(/stopped the share/);
  // Cleaned up: the cloud copy no longer answers.
  expect(await fetch(`${cloudUrl}/health`).then((r) => r.status, () => 'gone')).not.toBe(200);
  expect(findSecret(shown + demo.stdout, await knownSecrets())).toBeUndefined();
});

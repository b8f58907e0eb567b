import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ngrok from '@ngrok/ngrok';
import { afterAll, expect, test } from 'vitest';
import { localCloudDir } from '../paths.ts';
import { readState } from '../state.ts';
import { stopLocalCloud } from '../supervisor.ts';
import { localNgrokEdge } from './local-edge.ts';

// The daemon finds its state through SKYLIFT_HOME, which the supervisor passes on.
const home = await mkdtemp(join(tmpdir(), 'skylift-edge-daemon-'));
process.env.SKYLIFT_HOME = home;

afterAll(async () => {
  await stopLocalCloud();
  await rm(home, { recursive: true, force: true });
});

test('localNgrokEdge starts the daemon once, keeps its token 0600, and the SDK connects to it', async () => {
  const edge = await localNgrokEdge();
  expect(edge.serverAddr).toMatch(/^127\.0\.0\.1:\d+$/);
  const again = await localNgrokEdge();
  expect(again.serverAddr).toBe(edge.serverAddr);
  const { mode } = await stat(join(localCloudDir(), 'ngrok-edge', 'authtoken'));
  expect(mode & 0o777).toBe(0o600);
  const state = await readState(localCloudDir());
  expect(JSON.stringify(state)).not.toContain(edge.authtoken);

  const session = await new ngrok.SessionBuilder().authtoken(edge.authtoken).serverAddr(edge.serverAddr).caCert(Buffer.from(edge.caPem)).connect();
  try {
    const listener = await session.httpEndpoint().listenAndForward('http://127.0.0.1:9');
    expect(listener.url()).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    await listener.close();
  } finally {
    await session.close();
  }
});

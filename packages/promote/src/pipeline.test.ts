import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLedger, writeLedger } from '@skylift/core';
import { runPromote, preparePromote, type PromoteIo } from './pipeline.ts';
import type { PromoteOptions } from './options.ts';
import { readPromoteSection, resourceKinds } from './ledger-section.ts';
import { shippedPriceTable } from './prices.ts';
import { FakeClock, FakeCloud, FakeCompare, FakeContainer, recordingProgress } from './testing/fakes.ts';
import { promoteOptions } from './testing/options.ts';

let dir: string;
let cloud: FakeCloud;
let container: FakeContainer;
let io: PromoteIo & { progress: ReturnType<typeof recordingProgress> };

function options(overrides: Partial<PromoteOptions> = {}): PromoteOptions {
  return promoteOptions({ projectDir: dir, projectName: '@demo/sample-api', ...overrides });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skylift-promote-'));
  cloud = new FakeCloud();
  container = new FakeContainer();
  io = {
    cloud,
    container,
    compare: new FakeCompare(cloud, container),
    clock: new FakeClock(),
    progress: recordingProgress(),
    prices: shippedPriceTable,
    isAlive: () => false,
  };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runPromote', () => {
  it('runs every stage once, records each, and says promoted only when the compare passes', async () => {
    const result = await runPromote(options(), io);
    expect(result.verdict).toBe('promoted');
    expect(result.url).toBe(`https://${result.resources.site?.name}.azurewebsites.net`);
    expect(Object.keys(result.stages)).toEqual(['build', 'check', 'provision', 'push', 'deploy', 'live', 'compare']);
    expect(Object.values(result.stages).every((s) => s?.ran)).toBe(true);
    const section = await readPromoteSection(dir);
    expect(Object.keys(section?.resources ?? {})).toEqual([...resourceKinds]);
    expect(Object.values(section?.resources ?? {}).every((r) => r.status === 'ready' && r.id)).toBe(true);
    expect(section?.image.current?.digest).toBe(result.image?.digest);
    expect(section?.lastRun?.verdict).toBe('promoted');
    expect(cloud.creates).toHaveLength(5);
    // No baseline given and no share running: the built image ran locally, and was stopped.
    expect(result.baseline?.kind).toBe('local-container');
    expect(container.running).toBe(0);
  });

  it('keeps no secret in the ledger', async () => {
    await runPromote(options(), io);
    expect(JSON.stringify(await readLedger(dir))).not.toContain('secret-refresh-token');
  });

  it('a re-run with nothing changed builds (cache) and compares, and skips everything else', async () => {
    await runPromote(options(), io);
    cloud.calls.length = 0;
    const again = await runPromote(options(), io);
    expect(again.verdict).toBe('promoted');
    const ran = Object.entries(again.stages).filter(([, s]) => s?.ran).map(([n]) => n);
    expect(ran).toEqual(['build', 'compare']);
    expect(cloud.calls).toEqual([]);
  });

  it('a re-run after a code change rebuilds, pushes and swaps the image without touching the resources', async () => {
    const first = await runPromote(options(), io);
    container.source = 'v2';
    cloud.calls.length = 0;
    const second = await runPromote(options(), io);
    const ran = Object.entries(second.stages).filter(([, s]) => s?.ran).map(([n]) => n);
    expect(ran).toEqual(['build', 'check', 'push', 'deploy', 'live', 'compare']);
    expect(cloud.calls).toEqual(['registryAuth', 'setImage', 'waitUntilLive']);
    expect(cloud.creates).toHaveLength(5);
    expect(second.image?.digest).not.toBe(first.image?.digest);
    expect(second.image?.previous).toBe(first.image?.reference);
  });

  for (const crash of ['ensureResourceGroup', 'ensureRegistry', 'ensurePlan', 'ensureSite', 'ensureAcrPull', 'registryAuth', 'setImage', 'waitUntilLive']) {
    it(`interrupted before ${crash}: a re-run completes with no duplicate resources`, async () => {
      cloud.crashBefore = crash;
      await expect(runPromote(options(), io)).rejects.toThrow('simulated crash');
      expect((await readPromoteSection(dir))?.lastRun?.verdict).toBe('failed');
      const result = await runPromote(options(), io);
      expect(result.verdict).toBe('promoted');
      expect(cloud.creates).toHaveLength(5);
      expect(new Set(cloud.creates).size).toBe(5);
    });
  }

  for (const kind of ['rg', 'registry', 'plan', 'site', 'acrPull']) {
    it(`interrupted right after creating ${kind}: the ledger already lists it, the re-run adopts it`, async () => {
      cloud.crashAfter = kind;
      await expect(runPromote(options(), io)).rejects.toThrow('simulated crash');
      const section = await readPromoteSection(dir);
      const recorded = Object.values(section?.resources ?? {});
      expect(recorded.at(-1)?.status).toBe('creating');
      const result = await runPromote(options(), io);
      expect(result.verdict).toBe('promoted');
      expect(new Set(cloud.creates).size).toBe(5);
      expect(cloud.creates).toHaveLength(5);
    });
  }

  it('a behaviour change fails the compare with the differences and a non-promoted verdict', async () => {
    await runPromote(options(), io);
    container.source = 'v2-bad';
    container.badTags.add((await container.build()).tag);
    const result = await runPromote(options(), io);
    expect(result.verdict).toBe('differs');
    expect(result.compare?.differences).toBe(2);
    expect(result.compare?.details).toEqual(['GET /api/items/2 body.price: 20 ≠ 25']);
    expect((await readPromoteSection(dir))?.lastRun?.verdict).toBe('differs');
  });

  it('--rollback-on-diff puts the previous image back and the compare passes again', async () => {
    const good = await runPromote(options(), io);
    container.source = 'v2-bad';
    container.badTags.add((await container.build()).tag);
    const result = await runPromote(options({ rollbackOnDiff: true }), io);
    expect(result.verdict).toBe('rolled-back');
    expect(result.rollback?.to).toBe(good.image?.reference);
    expect(result.rollback?.compare.same).toBe(true);
    expect(cloud.siteImage(good.resources.site?.name ?? '')).toBe(good.image?.reference);
    const section = await readPromoteSection(dir);
    expect(section?.image.current?.reference).toBe(good.image?.reference);
    expect(section?.stages.deploy).toBeUndefined();
  });

  it('--rollback-on-diff with no previous image says there is nothing to roll back to', async () => {
    container.badTags.add((await container.build()).tag);
    await expect(runPromote(options({ rollbackOnDiff: true }), io)).rejects.toMatchObject({ code: 'SKYLIFT_PROMOTE_NO_PREVIOUS_IMAGE' });
  });

  it('uses the running share as the baseline', async () => {
    const state = await readLedger(dir);
    await writeLedger(dir, { ...state, share: { url: 'https://127.0.0.1:7777', pid: 4242, target: 'local' } });
    const result = await runPromote(options(), { ...io, isAlive: (pid) => pid === 4242 });
    expect(result.baseline).toEqual({ kind: 'share', url: 'https://127.0.0.1:7777' });
    expect(container.calls).not.toContain('run');
  });

  it("replays the share's capture when the project has no suite, and prefers the suite when it has one", async () => {
    const state = await readLedger(dir);
    await writeLedger(dir, { ...state, share: { url: 'https://127.0.0.1:7777', pid: 4242, capturePath: '/tmp/c.jsonl' } });
    const shareIo = { ...io, isAlive: (pid: number) => pid === 4242 };
    await runPromote(options(), shareIo);
    const compare = io.compare as FakeCompare;
    expect(compare.calls.at(-1)).toMatchObject({ baseline: 'https://127.0.0.1:7777', capturePath: '/tmp/c.jsonl' });
    await writeFile(join(dir, 'skylift.suite.yaml'), 'requests: []\n');
    await runPromote(options(), shareIo);
    expect(compare.calls.at(-1)).toEqual(expect.objectContaining({ suitePath: join(dir, 'skylift.suite.yaml') }));
    expect(compare.calls.at(-1)?.capturePath).toBeUndefined();
  });

  it('uses --baseline when no share runs', async () => {
    const result = await runPromote(options({ baseline: 'http://localhost:3000' }), io);
    expect(result.baseline).toEqual({ kind: 'flag', url: 'http://localhost:3000' });
  });

  it('rejects bad input before any call', async () => {
    await expect(runPromote(options({ sku: 'F1' }), io)).rejects.toMatchObject({ code: 'SKYLIFT_PROMOTE_INVALID_OPTION' });
    await expect(runPromote(options({ name: '-bad-' }), io)).rejects.toMatchObject({ code: 'SKYLIFT_PROMOTE_INVALID_NAME' });
    expect(cloud.calls).toEqual([]);
    expect(container.calls).toEqual([]);
  });

  it('a dry run plans without changing anything', async () => {
    const { plan } = await preparePromote(options(), io);
    expect(plan.resources.map((r) => r.action)).toEqual(['create', 'create', 'create', 'create', 'create']);
    expect(cloud.calls).toEqual([]);
    expect(container.calls).toEqual([]);
    expect(await readPromoteSection(dir)).toBeUndefined();
  });
});

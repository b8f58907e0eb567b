import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLedger, writeLedger } from '@skylift/core';
import { runPromote, type PromoteIo } from './pipeline.ts';
import { planDown, runDown, type DownIo } from './down.ts';
import { readPromoteSection } from './ledger-section.ts';
import { shippedPriceTable } from './prices.ts';
import { readStatus } from './status.ts';
import { formatStatus } from './format.ts';
import { FakeClock, FakeCloud, FakeCompare, FakeContainer, recordingProgress } from './testing/fakes.ts';
import { promoteOptions } from './testing/options.ts';

let dir: string;
let cloud: FakeCloud;
let promoteIo: PromoteIo;
let downIo: DownIo & { stopped: number[] };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skylift-down-'));
  cloud = new FakeCloud();
  const container = new FakeContainer();
  const clock = new FakeClock();
  promoteIo = { cloud, container, compare: new FakeCompare(cloud, container), clock, progress: recordingProgress(), prices: shippedPriceTable, isAlive: () => false };
  const stopped: number[] = [];
  downIo = { connect: async () => cloud, clock, progress: recordingProgress(), stopped, stopShare: async (share) => (stopped.push(share.pid ?? 0), true) };
  await runPromote(
    promoteOptions({ projectDir: dir, projectName: 'demo' }),
    promoteIo,
  );
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('down', () => {
  it('deletes exactly what the ledger lists, newest first, and empties the section', async () => {
    const section = await readPromoteSection(dir);
    expect(planDown(section).map((r) => r.kind)).toEqual(['acrPull', 'site', 'plan', 'registry', 'resourceGroup']);
    const result = await runDown(dir, downIo);
    expect(result.removed.map((r) => r.kind)).toEqual(['acrPull', 'site', 'plan', 'registry', 'resourceGroup']);
    expect(cloud.resources.size).toBe(0);
    expect(await readPromoteSection(dir)).toBeUndefined();
  });

  it('is resumable: an interrupted down continues with what is left', async () => {
    cloud.crashBefore = 'delete-plan';
    await expect(runDown(dir, downIo)).rejects.toThrow('simulated crash');
    expect(Object.keys((await readPromoteSection(dir))?.resources ?? {})).toEqual(['resourceGroup', 'registry', 'plan']);
    await runDown(dir, downIo);
    expect(cloud.resources.size).toBe(0);
    expect(await readPromoteSection(dir)).toBeUndefined();
  });

  it('refuses a group that lost skylift tags, before deleting anything', async () => {
    const group = [...cloud.resources.values()].find((r) => r.kind === 'rg');
    if (group) group.tags = { owner: 'someone' };
    await expect(runDown(dir, downIo)).rejects.toMatchObject({ code: 'SKYLIFT_DOWN_UNTAGGED_GROUP' });
    expect(cloud.resources.size).toBe(5);
    expect(Object.keys((await readPromoteSection(dir))?.resources ?? {})).toHaveLength(5);
  });

  it('stops a running share', async () => {
    await writeLedger(dir, { ...(await readLedger(dir)), share: { url: 'https://127.0.0.1:9', pid: 123 } });
    const result = await runDown(dir, downIo);
    expect(result.shareStopped).toBe('https://127.0.0.1:9');
    expect(downIo.stopped).toEqual([123]);
  });
});

describe('status', () => {
  it('shows the cloud URL, its health, the image and the cost so far', async () => {
    const status = await readStatus({
      projectDir: dir,
      clock: { now: () => new Date('2026-01-31T10:00:00Z') },
      prices: shippedPriceTable,
      probe: async () => ({ ok: true, status: 200, ms: 3 }),
      isAlive: () => false,
    });
    expect(status.cloud?.url).toMatch(/^https:\/\/demo-[0-9a-f]{6}\.azurewebsites\.net$/);
    expect(status.cloud?.health?.ok).toBe(true);
    expect(status.cloud?.image?.digest).toMatch(/^sha256:/);
    expect(status.cloud?.cost.monthly).toBeCloseTo(18.22);
    // ~30 days at 18.22/month.
    expect(status.cloud?.cost.soFar).toBeGreaterThan(17);
    expect(status.cloud?.cost.soFar).toBeLessThan(18.5);
    const text = formatStatus(status).join('\n');
    expect(text).toContain('share: none');
    expect(text).toContain('healthy (200');
    expect(text).toContain('cost so far: ~USD');
  });
});

import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerPath, readLedger } from '@skylift/core';
import { imageSizeOverBase } from '@skylift/container';
import type { PromoteResult, PromoteSection, StatusResult } from '@skylift/promote';
import { makeSampleProject, type SampleProject } from './helpers/sample-project.ts';
import { runCli, type CliRun } from './helpers/run-cli.ts';
import { localCloud, startBaseline } from './helpers/local-cloud.ts';
import { findSecret, findSecretInImage, knownSecrets } from './helpers/secrets.ts';

let project: SampleProject;
let baseline: Awaited<ReturnType<typeof startBaseline>>;
let cloud: Awaited<ReturnType<typeof localCloud>>;
const runs: CliRun[] = [];

async function skylift(...args: string[]): Promise<CliRun> {
  const run = await runCli(args, { cwd: project.dir });
  runs.push(run);
  return run;
}

async function promote(...extra: string[]): Promise<{ run: CliRun; result: PromoteResult }> {
  const run = await skylift('promote', '--target', 'local', '--baseline', baseline.url, '--timeout', '120', '--json', ...extra);
  if (!run.stdout.trim().startsWith('{')) throw new Error(`promote printed no JSON (exit ${run.code}):\n${run.stderr}`);
  return { run, result: JSON.parse(run.stdout) as PromoteResult };
}

async function section(): Promise<PromoteSection | undefined> {
  return (await readLedger(project.dir)).promote as PromoteSection | undefined;
}

async function getText(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
}

beforeAll(async () => {
  cloud = await localCloud();
  project = await makeSampleProject();
  baseline = await startBaseline();
});

afterAll(async () => {
  // Whatever a failed test left behind: down is idempotent and resumable.
  if (project && (await section())) await runCli(['down', '--yes'], { cwd: project.dir });
  await baseline?.close();
  await project?.remove();
});

describe('promote --target local, end to end', () => {
  let first: PromoteResult;

  it('goes from a project directory to a verified cloud URL', async () => {
    const { run, result } = await promote();
    expect(run.code, run.stderr).toBe(0);
    first = result;
    expect(result.verdict).toBe('promoted');
    expect(result.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(result.compare).toMatchObject({ same: true, differences: 0 });
    expect(result.compare?.requests).toBeGreaterThan(0);
    expect(Object.values(result.stages).every((stage) => stage?.ran)).toBe(true);
    expect(run.stderr).toContain('Promoted:');
    // The cloud copy answers over HTTPS like the app on localhost.
    const [cloudItems, localItems] = await Promise.all([getText(`${result.url}/api/items`), getText(`${baseline.url}/api/items`)]);
    expect(cloudItems.status).toBe(200);
    expect(cloudItems.body).toBe(localItems.body);
    const ledger = await section();
    expect(Object.values(ledger?.resources ?? {}).map((r) => r.status)).toEqual(['ready', 'ready', 'ready', 'ready', 'ready']);
    expect(ledger?.image.current?.digest).toBe(result.image?.digest);
    expect(ledger?.url).toBe(result.url);
  });

  it('status shows the cloud URL healthy, the digest and a zero local cost', async () => {
    const run = await skylift('status', '--json');
    expect(run.code, run.stderr).toBe(0);
    const status = JSON.parse(run.stdout) as StatusResult;
    expect(status.cloud?.url).toBe(first.url);
    expect(status.cloud?.health?.ok).toBe(true);
    expect(status.cloud?.image?.digest).toBe(first.image?.digest);
    expect(status.cloud?.cost.soFar).toBe(0);
  });

  it('a dry run plans without changing anything, and says every resource is kept', async () => {
    const before = await readFile(ledgerPath(project.dir), 'utf8');
    const run = await skylift('promote', '--target', 'local', '--dry-run');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/keep\s+Microsoft\.Web\/sites/);
    expect(run.stderr).toContain('skylift down would remove');
    expect(await readFile(ledgerPath(project.dir), 'utf8')).toBe(before);
  });

  it('a re-run with nothing changed touches nothing, and without a share or --baseline compares with the image run locally', async () => {
    const run = await skylift('promote', '--target', 'local', '--json');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as PromoteResult;
    expect(result.verdict).toBe('promoted');
    expect(result.baseline?.kind).toBe('local-container');
    const ran = Object.entries(result.stages).filter(([, stage]) => stage?.ran).map(([name]) => name);
    expect(ran).toEqual(['build', 'compare']);
    expect(result.image?.digest).toBe(first.image?.digest);
    // The baseline container is gone once the compare is done.
    const left = await cloud.docker.listContainers({ all: true, filters: { label: ['skylift.role=compare-baseline', `skylift.baseline-of=${project.name}`] } });
    expect(left).toEqual([]);
  });

  let second: PromoteResult;
  it('after a one-line change: pushes only the app layer and swaps the image, creating nothing', async () => {
    await project.touch('one-line change');
    const { run, result } = await promote();
    expect(run.code, run.stderr).toBe(0);
    second = result;
    expect(result.stages.provision).toEqual({ ran: false, durationMs: 0 });
    expect(result.stages.push?.ran).toBe(true);
    expect(result.stages.deploy?.ran).toBe(true);
    expect(result.image?.digest).not.toBe(first.image?.digest);
    expect(result.image?.previous).toBe(first.image?.reference);
    expect(result.resources).toEqual(first.resources);
    const ledger = await section();
    const { appBytes } = await imageSizeOverBase(cloud.docker, ledger?.image.current?.imageId ?? '', cloud.nodeBaseImage);
    expect(result.image?.layersPushed).toBe(1);
    expect(result.image?.bytesPushed).toBeGreaterThan(0);
    expect((result.image?.bytesPushed ?? 0) / appBytes).toBeLessThanOrEqual(1.1);
  });

  it('a behaviour change fails the compare; --rollback-on-diff restores the previous image and the compare passes again', async () => {
    await project.setBehaviour('changed');
    const { run, result } = await promote('--rollback-on-diff');
    expect(run.code).toBe(1);
    expect(result.verdict).toBe('rolled-back');
    expect(result.compare?.same).toBe(false);
    expect(result.compare?.differences).toBeGreaterThanOrEqual(2);
    expect(result.rollback?.to).toBe(second.image?.reference);
    expect(result.rollback?.compare.same).toBe(true);
    expect(run.stderr).toContain('rolled back');
    expect(run.stderr).not.toContain('Promoted:');
    // The site serves the previous image again: item 2 has its normal price.
    const [cloudItem, localItem] = await Promise.all([getText(`${result.url}/api/items/2`), getText(`${baseline.url}/api/items/2`)]);
    expect(cloudItem.body).toBe(localItem.body);
    expect((await section())?.image.current?.reference).toBe(second.image?.reference);
  });

  it('without --rollback-on-diff the differences are shown and the exit code is non-zero', async () => {
    const { run, result } = await promote();
    expect(run.code).toBe(1);
    expect(result.verdict).toBe('differs');
    expect(run.stderr).toMatch(/difference/);
    await project.setBehaviour('normal');
    const back = await promote();
    expect(back.run.code, back.run.stderr).toBe(0);
  });

  it('keeps secrets out of stdout, stderr, the ledger and every layer of the pushed image', async () => {
    const secrets = await knownSecrets();
    expect(secrets.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(findSecret(run.stdout, secrets)).toBeUndefined();
      expect(findSecret(run.stderr, secrets)).toBeUndefined();
    }
    expect(findSecret(await readFile(ledgerPath(project.dir), 'utf8'), secrets)).toBeUndefined();
    const image = (await section())?.image.current?.imageId ?? '';
    expect(await findSecretInImage(cloud.docker, image, secrets)).toBeUndefined();
  });

  it('down refuses a resource group that lost skylift tags, then removes everything once they are back', async () => {
    const ledger = await section();
    const group = ledger?.names.resourceGroup ?? '';
    const groups = cloud.clients.resources.resourceGroups;
    const tags = (await groups.get(group)).tags ?? {};
    await groups.update(group, { tags: { owner: 'someone-else' } });
    const refused = await skylift('down', '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('SKYLIFT_DOWN_UNTAGGED_GROUP');
    expect((await groups.checkExistence(group)).body).toBe(true);
    expect(Object.keys((await section())?.resources ?? {})).toHaveLength(5);

    await groups.update(group, { tags });
    const down = await skylift('down', '--yes', '--json');
    expect(down.code, down.stderr).toBe(0);
    expect(JSON.parse(down.stdout).removed.map((r: { kind: string }) => r.kind)).toEqual(['acrPull', 'site', 'plan', 'registry', 'resourceGroup']);
    expect((await groups.checkExistence(group)).body).toBe(false);
    expect(await section()).toBeUndefined();
    const cloudGone = await fetch(`${first.url}/health`).then((r) => r.status, () => 'unreachable');
    expect(cloudGone).not.toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLedger } from '@skylift/core';
import type { PromoteResult, PromoteSection } from '@skylift/promote';
import { makeSampleProject, type SampleProject } from './helpers/sample-project.ts';
import { runCli, startCli } from './helpers/run-cli.ts';
import { localCloud, startBaseline } from './helpers/local-cloud.ts';

let project: SampleProject;
let baseline: Awaited<ReturnType<typeof startBaseline>>;
let cloud: Awaited<ReturnType<typeof localCloud>>;

async function section(): Promise<PromoteSection | undefined> {
  try {
    return (await readLedger(project.dir)).promote as PromoteSection | undefined;
  } catch {
    return undefined;
  }
}

/** True once this run (not an earlier one) has finished its build: every run builds first. */
const builtInThisRun = (s: PromoteSection) =>
  s.stages.build !== undefined && s.lastRun !== undefined && s.stages.build.completedAt >= s.lastRun.startedAt;

/**
 * Where a promote run is killed, read from the ledger as the run writes it. `passed`: an earlier run
 * already got beyond this point, so it cannot be hit again; `reached`: this run is now at (or just
 * beyond) it.
 */
const killPoints: { name: string; passed: (s: PromoteSection) => boolean; reached: (s: PromoteSection) => boolean }[] = [
  { name: 'during build', passed: (s) => Boolean(s.stages.check), reached: (s) => !builtInThisRun(s) },
  { name: 'during check', passed: (s) => Boolean(s.stages.check), reached: builtInThisRun },
  ...(['resourceGroup', 'registry', 'plan', 'site', 'acrPull'] as const).map((kind) => ({
    name: `while creating ${kind}`,
    passed: (s: PromoteSection) => Boolean(s.resources[kind]),
    reached: (s: PromoteSection) => Boolean(s.resources[kind]),
  })),
  ...(
    [
      ['during push', 'provision', 'push'],
      ['during deploy', 'push', 'deploy'],
      ['while waiting until live', 'deploy', 'live'],
      ['during compare', 'live', 'compare'],
    ] as const
  ).map(([name, before, stage]) => ({
    name,
    passed: (s: PromoteSection) => Boolean(s.stages[stage]),
    reached: (s: PromoteSection) => Boolean(s.stages[before]) && builtInThisRun(s),
  })),
];

const promoteArgs = () => ['promote', '--target', 'local', '--baseline', baseline.url, '--timeout', '120', '--json'];

beforeAll(async () => {
  cloud = await localCloud();
  project = await makeSampleProject();
  baseline = await startBaseline();
  // The CLI re-executes itself when the CA variable is missing; a SIGKILL must hit the process doing the work.
  expect(process.env.NODE_EXTRA_CA_CERTS).toBeTruthy();
});

afterAll(async () => {
  if (project && (await section())) await runCli(['down', '--yes'], { cwd: project.dir });
  // Containers a killed check stage or baseline left running (they carry the image's project label).
  const leftovers = await cloud.docker.listContainers({ all: true, filters: { label: [`skylift.project=${project.name}`] } });
  await Promise.all(leftovers.map((c) => cloud.docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  await baseline?.close();
  await project?.remove();
});

describe('promote killed with SIGKILL at each stage', () => {
  it('re-runs to completion with no duplicate resources and a consistent ledger', async () => {
    const killedAt: string[] = [];
    for (const point of killPoints) {
      const before = await section();
      // A point the previous re-run already passed (fast steps) cannot be hit again: skip it.
      if (before && point.passed(before)) continue;
      const cli = startCli(promoteArgs(), { cwd: project.dir });
      let killed = false;
      while (cli.child.exitCode === null && !killed) {
        const current = await section();
        const fresh = current && current.lastRun?.startedAt !== before?.lastRun?.startedAt;
        if (fresh && current && point.reached(current)) {
          cli.child.kill('SIGKILL');
          killed = true;
        } else await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const run = await cli.done;
      if (killed) {
        expect(run.signal).toBe('SIGKILL');
        killedAt.push(point.name);
      }
      // The ledger is whole JSON after every kill (atomic writes), and says nothing it cannot back up.
      const after = await section();
      expect(after).toBeDefined();
      for (const resource of Object.values(after?.resources ?? {})) {
        if (resource.status === 'ready') expect(resource.id).toMatch(/^\/subscriptions\//);
      }
    }
    expect(killedAt.length, `killed ${killedAt.join(', ')}`).toBeGreaterThanOrEqual(6);
    expect(killedAt).toEqual(expect.arrayContaining(['during build', 'during check', 'during push', 'during deploy', 'while waiting until live', 'during compare']));

    const final = await runCli(promoteArgs(), { cwd: project.dir });
    expect(final.code, final.stderr).toBe(0);
    const result = JSON.parse(final.stdout) as PromoteResult;
    expect(result.verdict).toBe('promoted');

    const ledger = await section();
    expect(Object.keys(ledger?.resources ?? {})).toEqual(['resourceGroup', 'registry', 'plan', 'site', 'acrPull']);
    expect(Object.values(ledger?.resources ?? {}).every((r) => r.status === 'ready' && r.id)).toBe(true);
    expect(Object.keys(ledger?.stages ?? {}).sort()).toEqual(['build', 'check', 'compare', 'deploy', 'live', 'provision', 'push']);
    expect(ledger?.image.current?.digest).toBe(result.image?.digest);

    // Exactly one of each in the cloud: nothing was created twice.
    const { clients } = cloud;
    const rg = ledger?.names.resourceGroup ?? '';
    const list = async <T>(items: AsyncIterable<T>) => {
      const all: T[] = [];
      for await (const item of items) all.push(item);
      return all;
    };
    const registries = (await list(clients.registries.registries.list())).filter((r) => r.id?.toLowerCase().includes(`/resourcegroups/${rg.toLowerCase()}/`));
    const sites = (await list(clients.web.webApps.list())).filter((s) => s.resourceGroup?.toLowerCase() === rg.toLowerCase());
    expect(registries).toHaveLength(1);
    expect(sites).toHaveLength(1);
    const assignments = await list(clients.authorization.roleAssignments.listForScope(ledger?.resources.registry?.id ?? ''));
    expect(assignments.filter((a) => a.principalId === ledger?.resources.site?.principalId)).toHaveLength(1);
  });

  it('down killed after its first delete continues where it stopped', async () => {
    const down = startCli(['down', '--yes'], { cwd: project.dir });
    while (down.child.exitCode === null && Object.keys((await section())?.resources ?? {}).length === 5) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    down.child.kill('SIGKILL');
    await down.done;
    const left = await section();
    expect(Object.keys(left?.resources ?? {}).length).toBeLessThan(5);
    const again = await runCli(['down', '--yes'], { cwd: project.dir });
    expect(again.code, again.stderr).toBe(0);
    expect(await section()).toBeUndefined();
    expect((await cloud.clients.resources.resourceGroups.checkExistence(left?.names.resourceGroup ?? '')).body).toBe(false);
  });
});

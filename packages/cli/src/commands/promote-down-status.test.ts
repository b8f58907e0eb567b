import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createTerminal, writeLedger } from '@skylift/core';
import { main } from '../main.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skylift-cli-promote-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function skylift(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await main(args, { terminal: createTerminal({ stdout, stderr }, {}), env: { PATH: process.env.PATH, ...env }, cwd: dir });
  return { code, stdout: out, stderr: err };
}

test('promote rejects a bad option in one line, exit 2, before contacting any cloud', async () => {
  const sku = await skylift(['promote', '--sku', 'F1']);
  expect(sku.code).toBe(2);
  expect(sku.stderr).toMatch(/^skylift: --sku "F1" is not valid; use one of B1, B2, B3, S1 .*\[SKYLIFT_PROMOTE_INVALID_OPTION\]\n$/);
  const name = await skylift(['promote', '--name', 'Not_Valid']);
  expect(name.code).toBe(2);
  expect(name.stderr).toContain('[SKYLIFT_PROMOTE_INVALID_NAME]');
  const cloud = await skylift(['promote', '--cloud', 'AzureMoon']);
  expect(cloud.code).toBe(2);
  expect(cloud.stderr).toContain('--cloud "AzureMoon"');
  expect(sku.stdout + name.stdout + cloud.stdout).toBe('');
});

test('promote --target azure without a subscription says where to find one', async () => {
  const result = await skylift(['promote', '--dry-run']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('az account show');
  expect(result.stderr).toContain('[SKYLIFT_PROMOTE_NO_SUBSCRIPTION]');
});

test('down with nothing recorded removes nothing and says so', async () => {
  const result = await skylift(['down']);
  expect(result.code).toBe(0);
  expect(result.stderr).toContain('Nothing to remove');
});

test('down asks before deleting and refuses to guess without a terminal', async () => {
  await writeLedger(dir, {
    promote: {
      target: 'azure',
      cloud: 'AzureCloud',
      subscriptionId: '11111111-2222-3333-4444-555555555555',
      location: 'eastus',
      names: { project: 'x', resourceGroup: 'x-rg', registry: 'xacr0', plan: 'x-plan', site: 'x-site', repository: 'x' },
      healthPath: '/health',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      resources: { resourceGroup: { name: 'x-rg', status: 'ready', id: '/subscriptions/1/resourceGroups/x-rg', createdAt: '2026-01-01T00:00:00Z' } },
      image: {},
      stages: {},
    },
  });
  const result = await skylift(['down']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('--yes');
  expect(result.stderr).toContain('[SKYLIFT_DOWN_NEEDS_CONFIRMATION]');
});

test('status without a share or a promotion points at the next command', async () => {
  const result = await skylift(['status']);
  expect(result.code).toBe(0);
  expect(result.stderr).toContain('share: none (start one with `skylift share`)');
  expect(result.stderr).toContain('skylift promote --dry-run');
  const json = await skylift(['status', '--json']);
  expect(JSON.parse(json.stdout)).toEqual({});
});

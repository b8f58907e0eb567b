import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { LedgerUnreadable } from './core-errors.ts';
import { ledgerPath, readLedger, updateLedgerSection, writeLedger } from './ledger.ts';

let project: string;
beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), 'skylift-ledger-'));
});
afterEach(() => rm(project, { recursive: true, force: true }));

test('a project without a ledger reads as an empty version-1 state', async () => {
  expect(await readLedger(project)).toEqual({ version: 1 });
});

test('writes land whole, owner-only, with no temp file left behind', async () => {
  await writeLedger(project, { promote: { site: 'app' } });
  expect(JSON.parse(await readFile(ledgerPath(project), 'utf8'))).toEqual({ promote: { site: 'app' }, version: 1 });
  expect(await readdir(join(project, '.skylift'))).toEqual(['state.json']);
});

test('concurrent updates of different sections keep both', async () => {
  await Promise.all([
    updateLedgerSection(project, 'share', () => ({ url: 'https://127.0.0.1:1' })),
    updateLedgerSection(project, 'promote', () => ({ site: 'app' })),
    updateLedgerSection<{ n: number }>(project, 'count', (current) => ({ n: (current?.n ?? 0) + 1 })),
    updateLedgerSection<{ n: number }>(project, 'count', (current) => ({ n: (current?.n ?? 0) + 1 })),
  ]);
  expect(await readLedger(project)).toEqual({
    version: 1,
    share: { url: 'https://127.0.0.1:1' },
    promote: { site: 'app' },
    count: { n: 2 },
  });
});

test('returning undefined removes a section', async () => {
  await updateLedgerSection(project, 'share', () => ({ url: 'x' }));
  await updateLedgerSection(project, 'share', () => undefined);
  expect(await readLedger(project)).toEqual({ version: 1 });
});

test('a corrupt ledger is refused with its path, and left as it was', async () => {
  await mkdir(join(project, '.skylift'));
  await writeFile(ledgerPath(project), '{"promote": ');
  const error = await readLedger(project).catch((caught: unknown) => caught);
  expect(LedgerUnreadable.is(error)).toBe(true);
  expect((error as Error).message).toContain(ledgerPath(project));
  await expect(updateLedgerSection(project, 'share', () => ({}))).rejects.toThrow(/not valid skylift state/);
  expect(await readFile(ledgerPath(project), 'utf8')).toBe('{"promote": ');
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runComparison } from './comparison.ts';
import { renderHtmlReport } from './html.ts';
import { loadSuite } from './load-suite.ts';
import type { ComparisonReport } from './report.ts';
import { startSampleApi, type RunningApi } from './testing/sample-api-process.ts';

const artifacts = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const suiteFile = fileURLToPath(new URL('../../../apps/sample-api/skylift.suite.yaml', import.meta.url));
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let apis: RunningApi[] = [];
let report: ComparisonReport;

beforeAll(async () => {
  apis = await Promise.all([startSampleApi('normal'), startSampleApi('changed')]);
  const suite = await loadSuite(suiteFile);
  report = await runComparison({ targets: [{ url: apis[0]!.url, name: 'local' }, { url: apis[1]!.url, name: 'cloud' }], ...suite, repeat: 5 });
}, 60_000);

afterAll(() => Promise.all(apis.map((api) => api.close())));

it('renders offline in headless Chromium with the differing fields visible', async () => {
  await mkdir(artifacts, { recursive: true });
  const file = join(artifacts, 'compare-report.html');
  await writeFile(file, renderHtmlReport(report));
  const userDataDir = await mkdtemp(join(tmpdir(), 'skylift-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 900 },
  });
  const fetched: string[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // Self-contained: anything but the file itself would be a CDN or a fetch.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      fetched.push(url);
      return route.abort();
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(file).href);

    await expect.poll(() => page.getByTestId('verdict').textContent()).toBe('3 differences in 3 endpoints');
    const oneItem = page.locator('details[data-endpoint="one item"]');
    expect(await oneItem.getAttribute('open')).not.toBeNull();
    const priceRow = oneItem.locator('tr.field-row', { hasText: '$.price' });
    expect(await priceRow.isVisible()).toBe(true);
    expect(await priceRow.locator('td.bad').textContent()).toBe('19.9');
    const statusRow = page.locator('details[data-endpoint="unknown item"]').locator('tr.field-row', { hasText: 'status' });
    expect(await statusRow.locator('td.bad').textContent()).toBe('500');
    expect(await page.locator('svg[aria-label="Latency per target, p50 and p95"] rect.p50:has(title)').count()).toBe(3);

    const time = page.locator('details[data-endpoint="time"]');
    await time.locator('summary.endpoint').click();
    expect(await time.getByText('$.requestId').isVisible()).toBe(true);
    expect(await time.getByText(/the baseline varies on its own/).first().isVisible()).toBe(true);

    // Kept with the noise explanation open beside the real differences.
    await page.screenshot({ path: join(artifacts, 'compare-report.png'), fullPage: true });

    await page.getByRole('button', { name: 'Differences only' }).click();
    expect(await page.locator('details.endpoint-block:not(.hidden)').count()).toBe(3);
    expect(errors).toEqual([]);
    expect(fetched).toEqual([]);
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}, 60_000);

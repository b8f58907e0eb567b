import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTerminal } from '@skylift/core';
import { createProgressView } from './progress.ts';
import { FakeClock } from './testing/fakes.ts';

function capture(isTTY: boolean, env: NodeJS.ProcessEnv = {}) {
  const stderr = Object.assign(new PassThrough(), { isTTY, columns: 80 });
  const stdout = new PassThrough();
  let text = '';
  stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const view = createProgressView(createTerminal({ stdout, stderr }, env), new FakeClock(), { intervalMs: 1 });
  return { view, text: () => text };
}

describe('progress view', () => {
  it('without a TTY prints one plain line per stage and no sub-progress', () => {
    const { view, text } = capture(false);
    view.start('build', 'Build the image');
    view.update('build', 'Step 2/5');
    view.done('build', 1500);
    view.skip('provision', 'Provision');
    view.close();
    expect(text()).toBe('✓ Build the image 1.5s\n- Provision (unchanged, skipped)\n');
  });

  it('with CI=true stays quiet even on a TTY', () => {
    const { view, text } = capture(true, { CI: 'true' });
    view.start('push', 'Push');
    view.update('push', '12 MB');
    view.fail('push', 200);
    expect(text()).toBe('✗ Push failed after 200ms\n');
  });

  it('on a TTY draws a spinner with the elapsed time and the sub-progress, then a done line', async () => {
    const { view, text } = capture(true);
    view.start('push', 'Push');
    view.update('push', 'layer 3/4 12 MB');
    await new Promise((resolve) => setTimeout(resolve, 20));
    view.done('push', 61_000);
    view.close();
    expect(text()).toMatch(/\r\x1b\[2K⠋ Push/);
    expect(text()).toContain('layer 3/4 12 MB');
    expect(text()).toContain('✓ Push 1m01s\n');
  });
});

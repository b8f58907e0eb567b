import type { Terminal } from '@skylift/core';
import type { Clock } from './ports.ts';

/** What the pipeline tells whoever watches it; the CLI draws it, tests record it. */
export interface ProgressSink {
  start(stage: string, title: string): void;
  /** Sub-progress of the running stage (a build step, bytes pushed, an LRO poll). */
  update(stage: string, text: string): void;
  done(stage: string, durationMs: number, detail?: string): void;
  skip(stage: string, title: string): void;
  fail(stage: string, durationMs: number): void;
  /** A line that must stay on screen (a warning, the cost line). */
  note(line: string): void;
  /** Stops the spinner timer; the view draws nothing after this. */
  close(): void;
}

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

/**
 * Stage-by-stage view on stderr. On an interactive terminal: one live line with a spinner, the
 * elapsed time and the latest sub-progress, replaced by a ✓/✗ line when the stage ends. Otherwise
 * (a pipe, CI=true): no animation and no sub-progress, just one plain line per finished stage, so
 * logs stay short and diffable.
 */
export function createProgressView(terminal: Terminal, clock: Clock, options: { intervalMs?: number } = {}): ProgressSink {
  const out = terminal.stderr;
  let active: { stage: string; title: string; startedAt: number; text: string } | undefined;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const columns = () => Math.max(40, (out as { columns?: number }).columns || 100);

  const draw = () => {
    if (!active) return;
    const elapsed = formatDuration(clock.now().getTime() - active.startedAt);
    const line = `${frames[frame++ % frames.length]} ${active.title} ${elapsed}${active.text ? `  ${active.text}` : ''}`;
    out.write(`\r\x1b[2K${line.slice(0, columns() - 1)}`);
  };
  const clearLine = () => {
    if (terminal.interactive && active) out.write('\r\x1b[2K');
  };
  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const finish = (mark: string, title: string, suffix: string) => {
    clearLine();
    stopTimer();
    active = undefined;
    out.write(`${mark} ${title}${suffix}\n`);
  };

  return {
    start(stage, title) {
      active = { stage, title, startedAt: clock.now().getTime(), text: '' };
      if (!terminal.interactive) return;
      draw();
      timer = setInterval(draw, options.intervalMs ?? 100);
      timer.unref();
    },
    update(stage, text) {
      if (active?.stage !== stage) return;
      active.text = text;
    },
    done(stage, durationMs, detail) {
      const title = active?.stage === stage ? active.title : stage;
      finish('✓', title, ` ${formatDuration(durationMs)}${detail ? `  ${detail}` : ''}`);
    },
    skip(_stage, title) {
      out.write(`- ${title} (unchanged, skipped)\n`);
    },
    fail(stage, durationMs) {
      const title = active?.stage === stage ? active.title : stage;
      finish('✗', title, ` failed after ${formatDuration(durationMs)}`);
    },
    note(line) {
      clearLine();
      out.write(`${line}\n`);
      if (terminal.interactive) draw();
    },
    close() {
      clearLine();
      stopTimer();
      active = undefined;
    },
  };
}

/** One line per request for the terminal: `15:04:05 GET /items 200 3.1ms 1.2kB`. */
export function formatRequestLine(entry: { time: Date; method: string; path: string; status: number; durationMs: number; bytes: number }): string {
  const clock = entry.time.toISOString().slice(11, 19);
  return `${clock} ${entry.method} ${entry.path} ${entry.status} ${formatDuration(entry.durationMs)} ${formatBytes(entry.bytes)}`;
}

function formatDuration(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)}ms` : ms < 10_000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)}kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)}MB`;
}

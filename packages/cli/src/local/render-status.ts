import type { LocalCloudStatus } from '@skylift/local-cloud';

/** `local status` for people: one line for the engine, one per service. */
export function renderLocalCloudStatus(status: LocalCloudStatus): string {
  const { engine } = status;
  const engineLine = engine.reachable
    ? `running ${engine.version ?? ''} at ${engine.address}${engine.startedByUs ? ' (started by skylift)' : ' (not ours: never stopped by skylift)'}`
    : `not reachable at ${engine.address} (${engine.detail ?? 'no answer'})`;
  const rows = [['docker engine', engineLine]];
  for (const service of status.services) {
    const endpoints = service.endpoints ? Object.entries(service.endpoints).map(([key, value]) => `${key}=${String(value)}`).join(' ') : '';
    rows.push([service.name, service.running ? `running pid ${service.pid} ${endpoints}`.trim() : 'stopped']);
  }
  const width = Math.max(16, ...rows.map(([name = '']) => name.length + 1));
  return rows.map(([name = '', text = '']) => `${name.padEnd(width)} ${text.replace(/ {2,}/g, ' ')}`).join('\n') + '\n';
}

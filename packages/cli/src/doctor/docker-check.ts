import type { LocalCloudStatus } from '@skylift/local-cloud';
import type { DoctorCheck } from './check.ts';

/** The engine as the local cloud status saw it (a ping and a version call; nothing is started). */
export function checkDockerEngine(engine: LocalCloudStatus['engine']): DoctorCheck {
  if (!engine.reachable) {
    return {
      name: 'Docker Engine',
      status: 'fail',
      detail: `no answer at ${engine.address} (${engine.detail ?? 'unreachable'})`,
      fix: 'start Docker Desktop or `sudo dockerd`, set DOCKER_HOST, or run `skylift local up` (root on Debian)',
    };
  }
  const owner = engine.startedByUs ? ', started by skylift' : '';
  return { name: 'Docker Engine', status: 'ok', detail: `${engine.version ?? 'unknown version'} at ${engine.address}${owner}`, fix: null };
}

/** The local cloud is optional (the `local` target and tests need it), so missing is a warning. */
export function checkLocalCloud(status: LocalCloudStatus): DoctorCheck {
  const running = status.services.filter((service) => service.running);
  const stopped = status.services.filter((service) => !service.running).map((service) => service.name);
  if (stopped.length > 0) {
    return { name: 'Local cloud', status: 'warn', detail: `not running: ${stopped.join(', ')}`, fix: 'skylift local up' };
  }
  const described = running.map((service) => {
    const where = service.endpoints && Object.values(service.endpoints).find((value) => typeof value === 'string');
    return where ? `${service.name} ${String(where)}` : service.name;
  });
  return { name: 'Local cloud', status: 'ok', detail: described.join(', ') || 'no services defined', fix: null };
}

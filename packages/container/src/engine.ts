import type Docker from 'dockerode';
import { DockerPermissionDenied, DockerUnreachable, ImageNotFound } from './errors.ts';

const UNREACHABLE_CODES = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);

/** Where `docker` points, as a user would write it in DOCKER_HOST. */
export function engineEndpoint(docker: Docker): string {
  const modem = docker.modem as { socketPath?: string; host?: string; port?: number | string; protocol?: string };
  if (modem.socketPath) return `unix://${modem.socketPath}`;
  return `${modem.protocol ?? 'http'}://${modem.host ?? 'localhost'}${modem.port ? `:${modem.port}` : ''}`;
}

/**
 * Runs one engine call and turns "no engine there" into the one-line error that says how to start
 * one; every other failure passes through unchanged.
 */
export async function withEngine<T>(docker: Docker, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw engineError(docker, error);
  }
}

export function engineError(docker: Docker, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES') return DockerPermissionDenied(engineEndpoint(docker));
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return DockerUnreachable(engineEndpoint(docker), `${code}`);
  }
  return error;
}

/** The engine's own message from a dockerode HTTP error (`{ json: { message } }`), else the error's. */
export function engineMessage(error: unknown): string {
  const json = (error as { json?: unknown } | undefined)?.json;
  if (json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message;
  }
  if (typeof json === 'string' && json.trim() !== '') return json.trim();
  return error instanceof Error ? error.message : String(error);
}

/** HTTP status of a dockerode error, when the engine answered. */
export function engineStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Rethrows a 404 from an image call as "build it first", anything else as it came. */
export function rethrowImageNotFound(image: string): (error: unknown) => never {
  return (error) => {
    throw engineStatus(error) === 404 ? ImageNotFound(image) : error;
  };
}

export function inspectImage(docker: Docker, image: string): Promise<Docker.ImageInspectInfo> {
  return withEngine(docker, () => docker.getImage(image).inspect()).catch(rethrowImageNotFound(image));
}

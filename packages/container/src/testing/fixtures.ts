import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/**
 * On everything tests build. Builds are reproducible (same source, same image id), so the run label
 * keeps two test files (or two people) from sharing, and then removing, each other's image.
 */
export const TEST_LABELS = { 'skylift.test': '1', 'skylift.test.run': uniqueName('run') } as const;

/** A tiny shell-free Node server; `/health` answers `healthStatus`. */
export function serverSource(options: { healthStatus?: number; marker?: string } = {}): string {
  return [
    "import { createServer } from 'node:http';",
    `const marker = ${JSON.stringify(options.marker ?? 'v1')};`,
    `createServer((req, res) => { res.writeHead(req.url === '/health' ? ${options.healthStatus ?? 200} : 404, { 'content-type': 'application/json' }); res.end(JSON.stringify({ marker })); })`,
    "  .listen(Number(process.env.PORT ?? 8080), '0.0.0.0', () => console.log('listening'));",
    '',
  ].join('\n');
}

export const SERVER_DOCKERFILE = [
  'ARG BASE_IMAGE',
  'FROM ${BASE_IMAGE}',
  'WORKDIR /app',
  'COPY server.mjs ./',
  'EXPOSE 8080',
  'CMD ["node", "server.mjs"]',
  '',
].join('\n');

/** Temp app directories and what the engine made from them, all removed by `cleanup()`. */
export class TestWorkspace {
  private readonly dirs: string[] = [];
  private readonly images = new Set<string>();

  constructor(private readonly docker: Docker) {}

  async app(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'skylift-container-app-'));
    this.dirs.push(dir);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    return dir;
  }

  /** Remembers an image (id or reference) to remove, with all its tags, at the end. */
  image(reference: string): void {
    this.images.add(reference);
  }

  async cleanup(): Promise<void> {
    for (const image of [...this.images].reverse()) {
      await this.docker.getImage(image).remove({ force: true }).catch(() => undefined);
    }
    await Promise.all(this.dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

/** Deletes a pushed manifest from a registry with deletes enabled (the local cloud's is). */
export async function deleteManifest(registryUrl: string, repository: string, digest: string): Promise<void> {
  await fetch(`${registryUrl}/v2/${repository}/manifests/${digest}`, { method: 'DELETE' }).catch(() => undefined);
}

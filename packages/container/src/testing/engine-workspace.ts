import type Docker from 'dockerode';
import { ensureDockerEngine, ensureNodeBaseImage } from '@skylift/local-cloud';
import { afterAll, beforeAll } from 'vitest';
import { TestWorkspace } from './fixtures.ts';

export interface EngineWorkspace {
  readonly docker: Docker;
  /** Cleaned up after the file. */
  readonly workspace: TestWorkspace;
  /** The local shell-free Node base image, ready from `beforeAll` on. */
  readonly baseImage: string;
}

/**
 * The real Docker Engine (20.10, legacy builder), a workspace and the local Node base image: the
 * setup of the files that build test apps. Await at the top of the file: it registers the hooks.
 */
export async function useEngineWorkspace(): Promise<EngineWorkspace> {
  const { docker } = await ensureDockerEngine();
  const workspace = new TestWorkspace(docker);
  let baseImage: string | undefined;
  beforeAll(async () => {
    baseImage = (await ensureNodeBaseImage(docker)).image;
  }, 120_000);
  afterAll(() => workspace.cleanup());
  return {
    docker,
    workspace,
    get baseImage() {
      if (baseImage === undefined) throw new Error('the base image is ensured in beforeAll');
      return baseImage;
    },
  };
}

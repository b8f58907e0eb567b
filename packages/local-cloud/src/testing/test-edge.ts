import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLocalCa, type LocalCa } from '../ca.ts';
import { startNgrokEdge, type NgrokEdge } from '../ngrok-edge/edge.ts';

export interface TestEdge {
  /** A fresh temporary folder holding the CA; tests may use it as scratch space. */
  readonly dir: string;
  readonly ca: LocalCa;
  readonly edge: NgrokEdge;
  /** Closes the edge and removes `dir`. */
  close(): Promise<void>;
}

/** An ngrok edge on loopback with its own CA, for tests that drive the real SDK against it. */
export async function startTestEdge(authtoken: string, dirPrefix: string): Promise<TestEdge> {
  const dir = await mkdtemp(join(tmpdir(), dirPrefix));
  const removeDir = () => rm(dir, { recursive: true, force: true });
  try {
    const ca = await ensureLocalCa(join(dir, 'ca'));
    const edge = await startNgrokEdge({ authtoken, ca, reconnectGraceMs: 10_000 });
    return {
      dir,
      ca,
      edge,
      close: async () => {
        try {
          await edge.close();
        } finally {
          await removeDir();
        }
      },
    };
  } catch (error) {
    await removeDir();
    throw error;
  }
}

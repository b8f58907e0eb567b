import type Docker from 'dockerode';
import { followProgress } from '../../docker-progress.ts';

/** Pulls through the engine; dockerd reports failures inside a 200 progress stream (followProgress checks each item). */
export async function pullImage(docker: Docker, image: string, auth?: { username: string; password: string; serveraddress: string }): Promise<void> {
  const stream = (await docker.pull(image, auth ? { authconfig: auth } : {})) as NodeJS.ReadableStream;
  await followProgress(docker, stream);
}

/** Docker's multiplexed log stream (8-byte frame headers) → plain text. */
export function demuxLogs(buffer: Buffer): string {
  let offset = 0;
  let text = '';
  while (offset + 8 <= buffer.length && (buffer[offset] === 1 || buffer[offset] === 2 || buffer[offset] === 0)) {
    const size = buffer.readUInt32BE(offset + 4);
    text += buffer.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return offset === 0 ? buffer.toString('utf8') : text;
}

export async function containerOutput(docker: Docker, id: string): Promise<string> {
  const logs = (await docker.getContainer(id).logs({ stdout: true, stderr: true, timestamps: true, tail: 300, follow: false })) as unknown as Buffer;
  return demuxLogs(Buffer.isBuffer(logs) ? logs : Buffer.from(String(logs)));
}

export async function removeContainer(docker: Docker, id: string): Promise<void> {
  await docker
    .getContainer(id)
    .remove({ force: true, v: true })
    .catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
    });
}

import type Docker from 'dockerode';

/**
 * Splits the engine's multiplexed log stream (containers without a TTY): each frame is an 8-byte
 * header — stream type, 3 zero bytes, big-endian payload length — then the payload.
 */
export function demuxLogLines(raw: Buffer): string[] {
  const chunks: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length && raw[offset]! <= 2 && raw.readUIntBE(offset + 1, 3) === 0) {
    const size = raw.readUInt32BE(offset + 4);
    chunks.push(raw.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  // Not framed (a TTY container): the bytes are the text.
  const text = offset === 0 ? raw.toString('utf8') : Buffer.concat(chunks).toString('utf8');
  return text.split('\n').map((line) => line.replace(/\r$/, '')).filter((line, i, all) => line !== '' || i < all.length - 1);
}

/** The last `lines` lines the container wrote, stdout and stderr interleaved as they came. */
export async function lastLogLines(container: Docker.Container, lines = 50): Promise<string[]> {
  const raw = await container.logs({ stdout: true, stderr: true, tail: lines, follow: false });
  return demuxLogLines(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw))).slice(-lines);
}

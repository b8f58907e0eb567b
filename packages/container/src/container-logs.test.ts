import { describe, expect, it } from 'vitest';
import { demuxLogLines } from './container-logs.ts';

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('demuxLogLines', () => {
  it('joins stdout and stderr frames in order, even when a line spans frames', () => {
    const raw = Buffer.concat([frame(1, 'starting\nhal'), frame(1, 'f a line\n'), frame(2, 'Error: boom\n')]);
    expect(demuxLogLines(raw)).toEqual(['starting', 'half a line', 'Error: boom']);
  });

  it('reads unframed (TTY) output as text', () => {
    expect(demuxLogLines(Buffer.from('plain\r\ntext\n'))).toEqual(['plain', 'text']);
  });

  it('gives no lines for no output', () => {
    expect(demuxLogLines(Buffer.alloc(0))).toEqual([]);
  });
});

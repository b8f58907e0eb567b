import { expect, test } from 'vitest';
import { DEFAULT_WINDOW, ErrorCode, Flag, FrameDecoder, FrameType, encodeU32Frame, type Frame } from './frame.ts';
import { MuxStream, type StreamOwner } from './mux-stream.ts';

function recordingOwner() {
  const decoder = new FrameDecoder();
  const frames: Frame[] = [];
  let gone = false;
  const owner: StreamOwner = {
    sendFrame: (...parts) => frames.push(...decoder.push(Buffer.concat(parts))),
    grantWindow: (id, bytes) => frames.push(...decoder.push(encodeU32Frame(FrameType.WndInc, id, bytes))),
    streamGone: () => (gone = true),
  };
  return { owner, frames, isGone: () => gone };
}

const dataBytes = (frames: Frame[]) => frames.filter((f) => f.type === FrameType.Data).reduce((sum, f) => sum + f.body.length, 0);

test('writes stop at the peer window and resume on its WNDINC; the first frame carries SYN', async () => {
  const { owner, frames } = recordingOwner();
  const stream = new MuxStream(owner, 2, { opener: 'local' });
  let written = false;
  stream.write(Buffer.alloc(DEFAULT_WINDOW + 1000, 1), () => (written = true));
  await new Promise((resolve) => setImmediate(resolve));
  expect(dataBytes(frames)).toBe(DEFAULT_WINDOW);
  expect(frames[0]!.flags & Flag.Syn).toBe(Flag.Syn);
  expect(frames.slice(1).every((f) => (f.flags & Flag.Syn) === 0)).toBe(true);
  expect(written).toBe(false);
  stream.receiveWindowIncrement(600);
  expect(dataBytes(frames)).toBe(DEFAULT_WINDOW + 600);
  stream.receiveWindowIncrement(DEFAULT_WINDOW);
  await new Promise((resolve) => setImmediate(resolve));
  expect(dataBytes(frames)).toBe(DEFAULT_WINDOW + 1000);
  expect(written).toBe(true);
  stream.end();
  await new Promise((resolve) => setImmediate(resolve));
  const last = frames.at(-1)!;
  expect([last.type, last.flags & Flag.Fin, last.body.length]).toEqual([FrameType.Data, Flag.Fin, 0]);
});

test('window is given back only as the reader consumes, and a peer that overruns it is reset', async () => {
  const { owner, frames } = recordingOwner();
  const stream = new MuxStream(owner, 3, { opener: 'remote' });
  stream.pause();
  // Fill the readable buffer past its high-water mark: those bytes are not acknowledged yet.
  for (let i = 0; i < 8; i += 1) stream.receiveData(Buffer.alloc(8192, i), false);
  const acked = () => frames.filter((f) => f.type === FrameType.WndInc).reduce((sum, f) => sum + f.body.readUInt32BE(0), 0);
  const before = acked();
  expect(before).toBeLessThan(8 * 8192);
  const received: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => received.push(chunk));
  stream.resume();
  await new Promise((resolve) => setImmediate(resolve));
  expect(acked()).toBe(8 * 8192);
  expect(Buffer.concat(received).length).toBe(8 * 8192);

  const errors: Error[] = [];
  stream.on('error', (error) => errors.push(error));
  stream.receiveData(Buffer.alloc(DEFAULT_WINDOW + 1), false);
  await new Promise((resolve) => setImmediate(resolve));
  const reset = frames.find((f) => f.type === FrameType.Rst)!;
  expect(reset.body.readUInt32BE(0)).toBe(ErrorCode.FlowControl);
  expect(errors[0]?.message).toMatch(/flow-control window/);
});

test('a larger receive window is granted once the stream exists on both ends', () => {
  const { owner, frames } = recordingOwner();
  const stream = new MuxStream(owner, 2, { opener: 'local', receiveWindow: DEFAULT_WINDOW * 4 });
  expect(frames).toHaveLength(0); // nothing before SYN: the peer would not know the stream
  stream.write(Buffer.from('x'));
  expect(frames.map((f) => f.type)).toEqual([FrameType.Data, FrameType.WndInc]);
  expect(frames[1]!.body.readUInt32BE(0)).toBe(DEFAULT_WINDOW * 3);
  stream.receiveData(Buffer.alloc(DEFAULT_WINDOW * 2), false); // within the grant: accepted
  expect(frames.some((f) => f.type === FrameType.Rst)).toBe(false);
});

test('an abandoned stream is reset; one closed both ways leaves quietly', async () => {
  const first = recordingOwner();
  const abandoned = new MuxStream(first.owner, 5, { opener: 'remote' });
  abandoned.destroy();
  await new Promise((resolve) => setImmediate(resolve));
  expect(first.frames.at(-1)!.type).toBe(FrameType.Rst);
  expect(first.isGone()).toBe(true);

  const second = recordingOwner();
  const finished = new MuxStream(second.owner, 7, { opener: 'remote' });
  finished.resume();
  finished.receiveData(Buffer.alloc(0), true);
  finished.end();
  await new Promise((resolve) => finished.on('close', resolve));
  expect(second.frames.some((f) => f.type === FrameType.Rst)).toBe(false);
  expect(second.isGone()).toBe(true);
});

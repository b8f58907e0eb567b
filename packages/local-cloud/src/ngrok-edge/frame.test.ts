import { expect, test } from 'vitest';
import { ErrorCode, Flag, FrameDecoder, FrameType, encodeGoAway, encodeHeader, encodeU32Frame } from './frame.ts';

test('the header packs length, type and flags as muxado does', () => {
  const header = encodeHeader(FrameType.Data, Flag.Syn | Flag.Fin, 3, 0x1234);
  expect([...header]).toEqual([0x00, 0x12, 0x34, 0x13, 0, 0, 0, 3]);
  expect([...encodeU32Frame(FrameType.WndInc, 2, 0x40000)]).toEqual([0, 0, 4, 0x20, 0, 0, 0, 2, 0, 4, 0, 0]);
});

test('frames split at any byte boundary decode whole and in order', () => {
  const body = Buffer.from('hello, muxado');
  const wire = Buffer.concat([
    encodeHeader(FrameType.Data, Flag.Syn, 5, body.length),
    body,
    encodeU32Frame(FrameType.Rst, 5, ErrorCode.StreamCancelled),
    encodeGoAway(5, ErrorCode.None, 'bye'),
  ]);
  for (let size = 1; size <= wire.length; size += 1) {
    const decoder = new FrameDecoder();
    const frames = [];
    for (let at = 0; at < wire.length; at += size) frames.push(...decoder.push(wire.subarray(at, at + size)));
    expect(frames.map((frame) => [frame.type, frame.flags, frame.streamId])).toEqual([
      [FrameType.Data, Flag.Syn, 5],
      [FrameType.Rst, 0, 5],
      [FrameType.GoAway, 0, 0],
    ]);
    expect(frames[0]!.body.toString()).toBe('hello, muxado');
    expect(frames[1]!.body.readUInt32BE(0)).toBe(ErrorCode.StreamCancelled);
    expect(frames[2]!.body.subarray(8).toString()).toBe('bye');
  }
});

test('a frame longer than 24 bits of length is refused', () => {
  expect(() => encodeHeader(FrameType.Data, 0, 1, 0x1000000)).toThrow(RangeError);
});

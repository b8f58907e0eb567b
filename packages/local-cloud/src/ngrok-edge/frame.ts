/**
 * muxado framing as ngrok-rust's `muxado/src/frame.rs` and `codec.rs` speak it: an 8-byte
 * big-endian header `(length24 << 8) | (type << 4) | flags`, then `streamId & 0x7FFFFFFF`.
 */
export const FrameType = { Rst: 0, Data: 1, WndInc: 2, GoAway: 3 } as const;
export const Flag = { Fin: 0x1, Syn: 0x2 } as const;

export const HEADER_BYTES = 8;
export const MAX_FRAME_LENGTH = 0xffffff;
/** Per-stream window in each direction that both ends start with (muxado DEFAULT_WINDOW). */
export const DEFAULT_WINDOW = 0x40000;

export const ErrorCode = {
  None: 0,
  Protocol: 1,
  Internal: 2,
  FlowControl: 3,
  StreamClosed: 4,
  StreamRefused: 5,
  StreamCancelled: 6,
  StreamReset: 7,
  FrameSize: 8,
  AcceptQueueFull: 9,
  EnhanceYourCalm: 0xa,
  RemoteGoneAway: 0xb,
  StreamsExhausted: 0xc,
  WriteTimeout: 0xd,
  SessionClosed: 0xe,
  PeerEOF: 0xf,
} as const;

export interface Frame {
  readonly type: number;
  readonly flags: number;
  readonly streamId: number;
  readonly body: Buffer;
}

export function encodeHeader(type: number, flags: number, streamId: number, length: number): Buffer {
  if (length > MAX_FRAME_LENGTH) throw new RangeError(`muxado frame body of ${length} bytes exceeds ${MAX_FRAME_LENGTH}`);
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32BE(((length << 8) | ((type & 0xf) << 4) | (flags & 0xf)) >>> 0, 0);
  header.writeUInt32BE(streamId & 0x7fffffff, 4);
  return header;
}

/** A frame whose body is one u32 (RST error code, WNDINC increment). */
export function encodeU32Frame(type: number, streamId: number, value: number): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + 4);
  frame.writeUInt32BE(((4 << 8) | (type << 4)) >>> 0, 0);
  frame.writeUInt32BE(streamId & 0x7fffffff, 4);
  frame.writeUInt32BE(value >>> 0, 8);
  return frame;
}

export function encodeGoAway(lastStreamId: number, error: number, message = ''): Buffer {
  const text = Buffer.from(message);
  const body = Buffer.allocUnsafe(8 + text.length);
  body.writeUInt32BE(lastStreamId & 0x7fffffff, 0);
  body.writeUInt32BE(error >>> 0, 4);
  text.copy(body, 8);
  return Buffer.concat([encodeHeader(FrameType.GoAway, 0, 0, body.length), body]);
}

/**
 * Turns a byte stream into frames. Chunks are kept as a list and joined once per frame, so a
 * large DATA frame spread over many TCP reads costs one copy, not one per read.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Feeds bytes; returns every frame they complete, in order. */
  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Frame[] = [];
    while (this.buffered >= HEADER_BYTES) {
      const head = this.peek(HEADER_BYTES);
      const word = head.readUInt32BE(0);
      const length = word >>> 8;
      if (this.buffered < HEADER_BYTES + length) break;
      const whole = this.take(HEADER_BYTES + length);
      frames.push({
        type: (word >>> 4) & 0xf,
        flags: word & 0xf,
        streamId: whole.readUInt32BE(4) & 0x7fffffff,
        body: whole.subarray(HEADER_BYTES),
      });
    }
    return frames;
  }

  private peek(bytes: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= bytes) return first;
    const joined = Buffer.concat(this.chunks);
    this.chunks = [joined];
    return joined;
  }

  private take(bytes: number): Buffer {
    const first = this.peek(bytes);
    const whole = first.subarray(0, bytes);
    const rest = first.subarray(bytes);
    if (rest.length > 0) this.chunks[0] = rest;
    else this.chunks.shift();
    this.buffered -= bytes;
    return whole;
  }
}

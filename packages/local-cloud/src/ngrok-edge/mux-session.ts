import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { ErrorCode, Flag, FrameDecoder, FrameType, encodeGoAway, encodeU32Frame, type Frame } from './frame.ts';
import { MuxStream, type StreamOwner } from './mux-stream.ts';

export interface MuxSessionOptions {
  /** Receive window per stream; larger than muxado's 256 KiB lets the agent send bodies faster. */
  readonly receiveWindow?: number;
}

/**
 * The server side of a muxado session over one socket. Streams the agent opens (odd ids) are
 * emitted as `stream`; we open even ids. Frames written in one tick go out in one socket write.
 *
 * Nagle: the agent (no TCP_NODELAY) writes a WNDINC and then holds its next DATA frame until the
 * WNDINC is ACKed, and our kernel delays that ACK ~40 ms when we have nothing to send. So every
 * WNDINC from the agent is answered at once with a frame of ours (a zero WNDINC, which muxado
 * ignores), carrying the ACK with it.
 */
export class MuxSession extends EventEmitter<{ stream: [MuxStream]; close: [] }> implements StreamOwner {
  private readonly streams = new Map<number, MuxStream>();
  private readonly decoder = new FrameDecoder();
  private nextLocalId = 2;
  private corked = false;
  private framesThisTick = 0;
  private ackDue: number | undefined;
  private readonly grants = new Map<number, number>();
  private closed = false;
  /** True when the agent ended the session itself (GOAWAY), not when the connection broke. */
  goneAway = false;

  constructor(
    private readonly socket: Socket,
    private readonly options: MuxSessionOptions = {},
  ) {
    super();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      let frames: Frame[];
      try {
        frames = this.decoder.push(chunk);
      } catch {
        this.close(ErrorCode.Protocol, 'undecodable frame');
        return;
      }
      for (const frame of frames) this.handle(frame);
    });
    socket.on('close', () => this.teardown());
    socket.on('error', () => this.teardown());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** A stream of ours; by default it ends its side when the agent ends its own (like a TCP socket). */
  open(options: { allowHalfOpen?: boolean } = {}): MuxStream {
    const id = this.nextLocalId;
    this.nextLocalId += 2;
    const stream = new MuxStream(this, id, { opener: 'local', receiveWindow: this.options.receiveWindow, allowHalfOpen: options.allowHalfOpen ?? false });
    this.streams.set(id, stream);
    return stream;
  }

  sendFrame(...parts: Buffer[]): void {
    if (this.closed) return;
    this.corkForTick();
    this.framesThisTick += 1;
    for (const part of parts) if (part.length > 0) this.socket.write(part);
  }

  grantWindow(id: number, bytes: number): void {
    this.grants.set(id, (this.grants.get(id) ?? 0) + bytes);
    this.corkForTick();
  }

  streamGone(id: number): void {
    this.streams.delete(id);
  }

  /** Ends the session politely (GOAWAY) or, with `abrupt`, just drops the connection. */
  close(error: number = ErrorCode.None, message = '', abrupt = false): void {
    if (this.closed) return;
    if (abrupt) {
      this.socket.destroy();
    } else {
      this.sendFrame(encodeGoAway(0, error, message));
      this.uncork();
      this.socket.end();
      this.socket.setTimeout(1_000, () => this.socket.destroy());
    }
    this.teardown();
  }

  private corkForTick(): void {
    if (this.corked) return;
    this.corked = true;
    this.socket.cork();
    process.nextTick(() => this.uncork());
  }

  private uncork(): void {
    if (!this.corked) return;
    if (!this.closed) {
      for (const [id, bytes] of this.grants) this.socket.write(encodeU32Frame(FrameType.WndInc, id, bytes));
      this.framesThisTick += this.grants.size;
    }
    this.grants.clear();
    if (this.ackDue !== undefined && this.framesThisTick === 0 && !this.closed) {
      this.socket.write(encodeU32Frame(FrameType.WndInc, this.ackDue, 0));
    }
    this.ackDue = undefined;
    this.framesThisTick = 0;
    this.corked = false;
    this.socket.uncork();
  }

  private scheduleAck(streamId: number): void {
    this.ackDue = streamId;
    this.corkForTick();
  }

  private handle(frame: Frame): void {
    switch (frame.type) {
      case FrameType.Data:
        return this.handleData(frame);
      case FrameType.WndInc:
        this.scheduleAck(frame.streamId);
        this.streams.get(frame.streamId)?.receiveWindowIncrement(frame.body.readUInt32BE(0) & 0x7fffffff);
        return;
      case FrameType.Rst:
        this.streams.get(frame.streamId)?.receiveReset(frame.body.length >= 4 ? frame.body.readUInt32BE(0) : ErrorCode.StreamReset);
        return;
      case FrameType.GoAway:
        this.goneAway = true;
        this.close(ErrorCode.None, '', true);
        return;
      default:
        this.close(ErrorCode.Protocol, `invalid frame type ${frame.type}`);
    }
  }

  private handleData(frame: Frame): void {
    const fin = (frame.flags & Flag.Fin) !== 0;
    let stream = this.streams.get(frame.streamId);
    if (!stream && (frame.flags & Flag.Syn) !== 0) {
      if (frame.streamId % 2 === 0) return this.close(ErrorCode.Protocol, 'agent opened an even stream id');
      stream = new MuxStream(this, frame.streamId, { opener: 'remote', receiveWindow: this.options.receiveWindow });
      this.streams.set(frame.streamId, stream);
      this.emit('stream', stream);
    }
    if (!stream) {
      if (frame.body.length > 0 && !fin) this.sendFrame(encodeU32Frame(FrameType.Rst, frame.streamId, ErrorCode.StreamClosed));
      return;
    }
    stream.receiveData(frame.body, fin);
  }

  private teardown(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stream of [...this.streams.values()]) stream.destroy(new Error('muxado session closed'));
    this.streams.clear();
    if (!this.socket.destroyed && this.socket.writableEnded === false) this.socket.destroy();
    this.emit('close');
  }
}

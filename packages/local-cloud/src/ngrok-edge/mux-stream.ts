import { Duplex } from 'node:stream';
import { DEFAULT_WINDOW, ErrorCode, Flag, FrameType, MAX_FRAME_LENGTH, encodeHeader, encodeU32Frame } from './frame.ts';

/** What a stream needs from its session: a way to put frames on the wire and to leave. */
export interface StreamOwner {
  sendFrame(...parts: Buffer[]): void;
  /** Re-opens the peer's window on a stream; increments in one tick may go out as one WNDINC. */
  grantWindow(id: number, bytes: number): void;
  streamGone(id: number): void;
}

export class StreamResetError extends Error {
  constructor(readonly code: number) {
    super(`muxado stream reset by peer (error code ${code})`);
  }
}

/**
 * One muxado stream as a Node Duplex, with flow control both ways: writes never exceed the
 * peer's window (they wait for its WNDINC), and our own window is re-opened (WNDINC) only as the
 * reader consumes data, so a slow consumer slows the peer instead of filling memory.
 */
export class MuxStream extends Duplex {
  private sendWindow = DEFAULT_WINDOW;
  /** Bytes the peer may still send before our next WNDINC. */
  private receiveAllowance = DEFAULT_WINDOW;
  /** Consumed-later bytes not yet given back to the peer as window. */
  private unacknowledged = 0;
  private pending: { chunk: Buffer; callback: (error?: Error | null) => void } | undefined;
  private finalCallback: ((error?: Error | null) => void) | undefined;
  private needsSyn: boolean;
  private finSent = false;
  private finReceived = false;
  private resetByPeer = false;
  private readonly inbox: Buffer[] = [];
  private inboxScheduled = false;
  /** Window beyond muxado's default that we grant the peer once the stream exists on both ends. */
  private extraWindow: number;

  constructor(
    private readonly owner: StreamOwner,
    readonly id: number,
    options: { opener: 'local' | 'remote'; receiveWindow?: number; allowHalfOpen?: boolean },
  ) {
    super({ allowHalfOpen: options.allowHalfOpen ?? true });
    this.needsSyn = options.opener === 'local';
    this.extraWindow = Math.max(0, (options.receiveWindow ?? DEFAULT_WINDOW) - DEFAULT_WINDOW);
    // A remotely opened stream exists on both ends already: widen the window at once. A local
    // one must announce itself (SYN) first, so the increment rides along with the first frame.
    if (!this.needsSyn) this.grantExtraWindow();
  }

  private idleTimer: NodeJS.Timeout | undefined;
  private idleMs = 0;

  /**
   * net.Socket's idle timeout, so Node's HTTP client can pool these streams as keep-alive
   * sockets (it evicts a free one when this fires). Any traffic restarts the clock.
   */
  setTimeout(ms: number, callback?: () => void): this {
    this.idleMs = ms;
    if (callback && ms > 0) this.once('timeout', callback);
    else if (callback) this.off('timeout', callback);
    this.touch();
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = this.idleMs > 0 && !this.destroyed ? setTimeout(() => this.emit('timeout'), this.idleMs).unref() : undefined;
  }

  private grantExtraWindow(): void {
    if (this.extraWindow === 0) return;
    this.receiveAllowance += this.extraWindow;
    this.owner.sendFrame(encodeU32Frame(FrameType.WndInc, this.id, this.extraWindow));
    this.extraWindow = 0;
  }

  /** The peer sent DATA on this stream. */
  receiveData(body: Buffer, fin: boolean): void {
    if (this.finReceived || this.destroyed) {
      if (body.length > 0) this.owner.sendFrame(encodeU32Frame(FrameType.Rst, this.id, ErrorCode.StreamClosed));
      return;
    }
    if (body.length > this.receiveAllowance) {
      this.owner.sendFrame(encodeU32Frame(FrameType.Rst, this.id, ErrorCode.FlowControl));
      this.resetByPeer = true; // we reset it ourselves: no second RST on destroy
      this.destroy(new Error(`peer overran the flow-control window on stream ${this.id}`));
      return;
    }
    if (this.idleTimer) this.touch();
    if (body.length > 0) {
      this.receiveAllowance -= body.length;
      this.inbox.push(body);
    }
    if (fin) this.finReceived = true;
    // Frames that arrive together (one socket read holds several) reach the reader as one
    // chunk: the HTTP parser and the response write then run once, not once per 8 KiB frame.
    if (!this.inboxScheduled) {
      this.inboxScheduled = true;
      setImmediate(() => this.deliverInbox());
    }
  }

  private deliverInbox(): void {
    this.inboxScheduled = false;
    if (this.destroyed) return;
    const chunks = this.inbox.splice(0);
    if (chunks.length > 0) {
      const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      if (this.push(data)) this.acknowledge(data.length);
      else this.unacknowledged += data.length;
    }
    if (this.finReceived) this.push(null);
  }

  receiveWindowIncrement(increment: number): void {
    this.sendWindow += increment;
    this.flush();
  }

  receiveReset(code: number): void {
    this.resetByPeer = true;
    this.destroy(code === ErrorCode.None || code === ErrorCode.StreamClosed ? undefined : new StreamResetError(code));
  }

  private acknowledge(bytes: number): void {
    this.receiveAllowance += bytes;
    this.owner.grantWindow(this.id, bytes);
  }

  override _read(): void {
    if (this.unacknowledged > 0) {
      const bytes = this.unacknowledged;
      this.unacknowledged = 0;
      this.acknowledge(bytes);
    }
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.idleTimer) this.touch();
    this.pending = { chunk, callback };
    this.flush();
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this._write(chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((entry) => entry.chunk)), 'binary', callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.pending) this.finalCallback = callback;
    else this.sendFin(callback);
  }

  private dataFlags(): number {
    if (!this.needsSyn) return 0;
    this.needsSyn = false;
    return Flag.Syn;
  }

  private flush(): void {
    while (this.pending && this.sendWindow > 0 && !this.destroyed) {
      const { chunk, callback } = this.pending;
      const size = Math.min(chunk.length, this.sendWindow, MAX_FRAME_LENGTH);
      const opening = this.needsSyn;
      this.owner.sendFrame(encodeHeader(FrameType.Data, this.dataFlags(), this.id, size), chunk.subarray(0, size));
      if (opening) this.grantExtraWindow();
      this.sendWindow -= size;
      if (size === chunk.length) {
        this.pending = undefined;
        callback();
      } else {
        this.pending = { chunk: chunk.subarray(size), callback };
      }
    }
    if (!this.pending && this.finalCallback) {
      const callback = this.finalCallback;
      this.finalCallback = undefined;
      this.sendFin(callback);
    }
  }

  private sendFin(callback: (error?: Error | null) => void): void {
    this.owner.sendFrame(encodeHeader(FrameType.Data, this.dataFlags() | Flag.Fin, this.id, 0));
    this.finSent = true;
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.resetByPeer && !(this.finSent && this.finReceived)) {
      // Tell the peer to stop: an abandoned stream would otherwise hold its window forever.
      if (!this.needsSyn) this.owner.sendFrame(encodeU32Frame(FrameType.Rst, this.id, ErrorCode.StreamCancelled));
    }
    this.pending = undefined;
    this.finalCallback = undefined;
    clearTimeout(this.idleTimer);
    this.owner.streamGone(this.id);
    callback(error);
  }
}

import { AgentRpcError, StreamKind } from './agent-protocol.ts';
import type { MuxStream } from './mux-stream.ts';

export type RpcHandler = (kind: number, request: unknown) => Promise<object>;

/**
 * Serves one stream the agent opened: the first 4 bytes (u32 BE) say what it is. Heartbeats are
 * echoed byte for byte; an RPC request is JSON with no length and no FIN, so it is parsed as it
 * arrives and answered with JSON followed by FIN (the agent reads to the end).
 */
export function serveAgentStream(stream: MuxStream, handle: RpcHandler): void {
  let buffered: Buffer = Buffer.alloc(0);
  let kind: number | undefined;
  let answered = false;
  stream.on('error', () => stream.destroy());
  stream.on('end', () => {
    if (kind !== StreamKind.Heartbeat && !answered) stream.end();
  });
  stream.on('data', (chunk: Buffer) => {
    if (kind === StreamKind.Heartbeat) {
      stream.write(chunk);
      return;
    }
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    if (kind === undefined) {
      if (buffered.length < 4) return;
      kind = buffered.readUInt32BE(0);
      buffered = buffered.subarray(4);
      if (kind === StreamKind.Heartbeat) {
        if (buffered.length > 0) stream.write(buffered);
        return;
      }
    }
    if (answered || buffered.length === 0) return;
    let request: unknown;
    try {
      request = JSON.parse(buffered.toString('utf8'));
    } catch {
      return; // not complete yet: a JSON object is never valid before its closing brace
    }
    answered = true;
    const rpcKind = kind;
    handle(rpcKind, request).then(
      (response) => stream.end(JSON.stringify(response)),
      (error: unknown) => {
        const wire = error instanceof AgentRpcError ? error.toWire() : { Error: `local edge failed: ${(error as Error).message}` };
        stream.end(JSON.stringify(wire));
      },
    );
  });
}

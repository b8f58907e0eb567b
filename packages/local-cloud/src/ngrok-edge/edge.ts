import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';
import { ensureLocalCa, type LocalCa } from '../ca.ts';
import { AgentRpcError, StreamKind, type AuthRequest, type BindRequest } from './agent-protocol.ts';
import { EndpointRegistry } from './endpoint-registry.ts';
import { ErrorCode } from './frame.ts';
import { MuxSession } from './mux-session.ts';
import { serveAgentStream } from './typed-streams.ts';

export interface NgrokEdgeOptions {
  /** The one authtoken this edge accepts; any other gets ERR_NGROK_107. */
  readonly authtoken: string;
  /** Port for agents (muxado over TLS); 0 = ephemeral. */
  readonly port?: number;
  /** Defaults to the local cloud's CA (`ensureLocalCa()`). */
  readonly ca?: LocalCa;
  readonly reconnectGraceMs?: number;
  readonly offlineTtlMs?: number;
  /** Per-stream receive window granted to agents; muxado's default is 256 KiB. */
  readonly receiveWindow?: number;
}

export interface NgrokEdge {
  /** `127.0.0.1:PORT`: the SDK's `server_addr`. */
  readonly serverAddr: string;
  /** PEM of the CA that signed the edge's certificate: the SDK's `session_ca_cert`. */
  readonly caPem: string;
  /** Endpoints bound now, with whether an agent serves them. */
  endpoints(): { id: string; url: string; online: boolean }[];
  /** Drops every agent connection without a goodbye, as a network failure would (for tests). */
  dropSessions(): void;
  close(): Promise<void>;
}

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An ngrok edge on loopback that the real `@ngrok/ngrok` SDK connects to (see ngrok-agent-protocol.md). */
export async function startNgrokEdge(options: NgrokEdgeOptions): Promise<NgrokEdge> {
  const ca = options.ca ?? (await ensureLocalCa());
  const registry = new EndpointRegistry({
    tls: ca.leaf,
    reconnectGraceMs: options.reconnectGraceMs ?? 5_000,
    offlineTtlMs: options.offlineTtlMs ?? 60_000,
  });
  const sessions = new Set<MuxSession>();

  const serveAgent = (socket: TLSSocket) => {
    const mux = new MuxSession(socket, { receiveWindow: options.receiveWindow ?? 1024 * 1024 });
    sessions.add(mux);
    let authenticated = false;
    mux.on('close', () => {
      sessions.delete(mux);
      void registry.detach(mux);
    });
    mux.on('stream', (stream) =>
      serveAgentStream(stream, async (kind, request) => {
        if (kind === StreamKind.Auth) {
          const auth = request as AuthRequest;
          if (!tokenMatches(auth.Extra?.AuthToken ?? '', options.authtoken)) {
            throw new AgentRpcError('The authtoken you specified is not valid for the skylift local edge.', 'ERR_NGROK_107');
          }
          authenticated = true;
          return {
            Version: '3',
            ClientId: auth.ClientId || randomBytes(16).toString('hex'),
            Extra: { Version: 'skylift-local-edge', Region: 'local', Cookie: randomBytes(16).toString('hex'), AccountName: 'skylift local', PlanName: 'local', Banner: '' },
          };
        }
        if (!authenticated) throw new AgentRpcError('Authenticate before binding endpoints.', 'ERR_NGROK_107');
        if (kind === StreamKind.Bind) return registry.bind(mux, request as BindRequest);
        if (kind === StreamKind.Unbind) {
          await registry.unbind(mux, (request as { Id?: string }).Id);
          return {};
        }
        throw new AgentRpcError(`Requests of type ${kind} are not emulated by the local edge.`, 'ERR_NGROK_9034');
      }),
    );
  };

  const server = createServer({ ...ca.leaf }, serveAgent);
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    serverAddr: `127.0.0.1:${port}`,
    caPem: ca.caPem,
    endpoints: () => registry.list(),
    dropSessions: () => {
      for (const mux of [...sessions]) mux.close(ErrorCode.None, '', true);
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const mux of [...sessions]) mux.close(ErrorCode.None, 'edge shutting down');
      });
      await registry.closeAll();
    },
  };
}

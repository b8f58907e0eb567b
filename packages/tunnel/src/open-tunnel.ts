import { EventEmitter } from 'node:events';
import ngrok from '@ngrok/ngrok';
import { messageOf } from '@skylift/core';
import { NgrokAuthtokenRejected, TunnelFailed } from './errors.ts';
import type { AccessOptions } from './tunnel-options.ts';

export type TunnelStatus = 'online' | 'reconnecting';

export interface TunnelConnection {
  readonly authtoken: string;
  /** Where the token came from, for error messages (never the token). */
  readonly authtokenSource: string;
  /** `host:port` of the ngrok service; unset = ngrok's own. */
  readonly serverAddr?: string;
  /** PEM of the CA to trust for `serverAddr` (the local edge's). */
  readonly caPem?: string;
}

type TunnelEvents = { status: [status: TunnelStatus, detail: string | undefined] };

/** A public URL forwarding to a local address; emits `status` when it drops and comes back. */
export class Tunnel extends EventEmitter<TunnelEvents> {
  url = '';
  private current: TunnelStatus = 'online';
  private closing: Promise<void> | undefined;
  private shutdown: () => Promise<void> = async () => undefined;

  get status(): TunnelStatus {
    return this.current;
  }

  /** @internal SDK callbacks report here. */
  setStatus(next: TunnelStatus, detail?: string): void {
    if (next === this.current) return;
    this.current = next;
    this.emit('status', next, detail);
  }

  /** @internal */
  opened(url: string, shutdown: () => Promise<void>): this {
    this.url = url;
    this.shutdown = shutdown;
    return this;
  }

  close(): Promise<void> {
    return (this.closing ??= this.shutdown());
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { errorCode?: unknown }).errorCode;
  return typeof code === 'string' ? code : undefined;
}

const firstLine = (error: unknown) => messageOf(error).split('\n')[0] ?? 'unknown error';

/**
 * One ngrok session with one HTTP endpoint forwarding to `forwardTo`. A session of its own
 * (SessionBuilder, not the SDK's global `forward()` session), so tunnels never share state. A
 * disconnect callback means the SDK is reconnecting; the next heartbeat means it is back.
 */
export async function openTunnel(connection: TunnelConnection, forwardTo: string, access: AccessOptions = {}): Promise<Tunnel> {
  const tunnel = new Tunnel();
  const where = connection.serverAddr ?? 'ngrok';
  const builder = new ngrok.SessionBuilder()
    .authtoken(connection.authtoken)
    .clientInfo('skylift', '0.1.0')
    .handleDisconnection((_addr, error) => {
      tunnel.setStatus('reconnecting', error);
      return true;
    })
    .handleHeartbeat(() => tunnel.setStatus('online'));
  if (connection.serverAddr) builder.serverAddr(connection.serverAddr);
  if (connection.caPem) builder.caCert(Buffer.from(connection.caPem));

  let session: ngrok.Session;
  try {
    session = await builder.connect();
  } catch (error) {
    if (errorCode(error) === 'ERR_NGROK_107') throw NgrokAuthtokenRejected(connection.authtokenSource);
    throw TunnelFailed(where, firstLine(error));
  }
  let listener: ngrok.Listener;
  try {
    let endpoint = session.httpEndpoint();
    if (access.domain) endpoint = endpoint.domain(access.domain);
    if (access.basicAuth) endpoint = endpoint.basicAuth(access.basicAuth.username, access.basicAuth.password);
    if (access.oauthProvider) endpoint = endpoint.oauth(access.oauthProvider);
    for (const cidr of access.allowCidrs ?? []) endpoint = endpoint.allowCidr(cidr);
    for (const cidr of access.denyCidrs ?? []) endpoint = endpoint.denyCidr(cidr);
    for (const header of access.requestHeaders ?? []) endpoint = endpoint.requestHeader(header.name, header.value);
    listener = await endpoint.listenAndForward(forwardTo);
  } catch (error) {
    await session.close().catch(() => undefined);
    const code = errorCode(error);
    throw TunnelFailed(where, `${firstLine(error)}${code ? ` [${code}]` : ''}`);
  }
  const url = listener.url();
  if (!url) {
    await session.close().catch(() => undefined);
    throw TunnelFailed(where, 'the endpoint came back without a URL');
  }
  return tunnel.opened(url, async () => {
    // Closing the listener unbinds the endpoint at once; then the session goes.
    await listener.close().catch(() => undefined);
    await session.close().catch(() => undefined);
  });
}

/**
 * The JSON messages of the ngrok agent protocol (ngrok-rust `ngrok/src/internals/proto.rs`),
 * only the fields the local edge reads or must answer with.
 */
export const StreamKind = {
  Auth: 0,
  Bind: 1,
  Unbind: 2,
  Proxy: 3,
  BindLabeled: 7,
  Heartbeat: 0xffffffff,
} as const;

export interface AuthRequest {
  readonly Version?: readonly string[];
  readonly ClientId?: string;
  readonly Extra?: { readonly AuthToken?: string; readonly Cookie?: string; readonly ClientType?: string; readonly Version?: string };
}

export interface BasicAuthOptions {
  readonly credentials?: readonly { readonly username: string; readonly cleartext_password?: string }[];
}

export interface IpRestrictionOptions {
  readonly allow_cidrs?: readonly string[];
  readonly deny_cidrs?: readonly string[];
}

export interface HeaderRules {
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
}

/** `Opts` of an HTTP(S) bind: the edge behaviour the agent asks for. */
export interface HttpEndpointOptions {
  readonly Domain?: string;
  readonly Hostname?: string;
  readonly BasicAuth?: BasicAuthOptions | null;
  readonly IPRestriction?: IpRestrictionOptions | null;
  readonly OAuth?: { readonly provider: string } | null;
  readonly RequestHeaders?: HeaderRules | null;
  readonly ResponseHeaders?: HeaderRules | null;
}

export interface BindRequest {
  readonly Id?: string;
  readonly Proto?: string;
  readonly ForwardsTo?: string;
  readonly Opts?: HttpEndpointOptions;
}

export interface BindResponse {
  readonly Id: string;
  readonly URL: string;
  readonly Proto: string;
  readonly Opts: HttpEndpointOptions;
  readonly Extra: { readonly Token: string };
}

/** An RPC failure; `code` (ERR_NGROK_*) becomes the SDK error's `errorCode`. */
export class AgentRpcError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }

  toWire(): { Error: string } {
    return { Error: `${this.message}\n\n${this.code}` };
  }
}

/**
 * First bytes of a proxy stream: u32 BE stream type, i64 LE header length, ProxyHeader JSON
 * (`ProxyHeader::read_from_stream`).
 */
export function encodeProxyHeader(tunnelId: string, clientAddr: string, proto = 'https'): Buffer {
  const json = Buffer.from(JSON.stringify({ Id: tunnelId, ClientAddr: clientAddr, Proto: proto, EdgeType: '', PassthroughTLS: false }));
  const prefix = Buffer.alloc(12);
  prefix.writeUInt32BE(StreamKind.Proxy, 0);
  prefix.writeBigInt64LE(BigInt(json.length), 4);
  return Buffer.concat([prefix, json]);
}

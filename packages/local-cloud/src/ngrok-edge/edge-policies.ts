import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { HeaderRules, HttpEndpointOptions, IpRestrictionOptions } from './agent-protocol.ts';

/**
 * What the ngrok edge does to a public request before the agent sees it (the agent does none
 * of it): IP restrictions, basic auth, OAuth gate, X-Forwarded-*, header add/remove.
 */
export interface Denial {
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: string;
}

/** `::ffff:1.2.3.4` (an IPv4 client on a dual-stack socket) is matched as `1.2.3.4`. */
export function clientIp(remoteAddress: string | undefined): string {
  const address = remoteAddress ?? '';
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function blockList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network = '', prefix] = cidr.split('/');
    const family = isIP(network);
    if (family === 0) throw new Error(`invalid CIDR ${cidr}`);
    list.addSubnet(network, prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

export function ipAllowed(restriction: IpRestrictionOptions | null | undefined, ip: string): boolean {
  if (!restriction) return true;
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  const deny = restriction.deny_cidrs ?? [];
  const allow = restriction.allow_cidrs ?? [];
  if (deny.length > 0 && blockList(deny).check(ip, family)) return false;
  return allow.length === 0 || blockList(allow).check(ip, family);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function basicAuthAccepted(options: HttpEndpointOptions['BasicAuth'], authorization: string | undefined): boolean {
  const credentials = options?.credentials ?? [];
  if (credentials.length === 0) return true;
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return false;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return credentials.some((entry) => sameSecret(user, entry.username) && sameSecret(password, entry.cleartext_password ?? ''));
}

const text = (body: string): OutgoingHttpHeaders => ({ 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });

/** The first edge rule that refuses this request, or undefined when it may pass to the agent. */
export function checkAccess(options: HttpEndpointOptions, request: { ip: string; authorization?: string }): Denial | undefined {
  if (!ipAllowed(options.IPRestriction, request.ip)) {
    const body = `Access to this endpoint is restricted by IP policy: ${request.ip} is not allowed.\n\nERR_NGROK_3205\n`;
    return { status: 403, headers: text(body), body };
  }
  if (!basicAuthAccepted(options.BasicAuth, request.authorization)) {
    const body = 'Authentication required.\n\nERR_NGROK_3202\n';
    return { status: 401, headers: { ...text(body), 'www-authenticate': 'Basic realm="ngrok"' }, body };
  }
  if (options.OAuth?.provider) {
    // No identity provider is reachable from the local cloud: refuse rather than let anyone in.
    const body = `This endpoint requires signing in with ${options.OAuth.provider}, which the local edge cannot offer.\n`;
    return { status: 403, headers: text(body), body };
  }
  return undefined;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function parseRule(rule: string): [string, string] {
  const colon = rule.indexOf(':');
  return colon < 0 ? [rule.trim().toLowerCase(), ''] : [rule.slice(0, colon).trim().toLowerCase(), rule.slice(colon + 1).trim()];
}

/** Applies remove, then add, as ngrok's request/response header modules do. */
export function applyHeaderRules(headers: Record<string, string | string[] | number | undefined>, rules: HeaderRules | null | undefined): void {
  for (const name of rules?.remove ?? []) delete headers[name.trim().toLowerCase()];
  for (const rule of rules?.add ?? []) {
    const [name, value] = parseRule(rule);
    headers[name] = value;
  }
}

/** Headers for the agent: hop-by-hop dropped, X-Forwarded-* added, request rules applied. */
export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  context: { ip: string; rules?: HeaderRules | null },
): OutgoingHttpHeaders {
  const headers: Record<string, string | string[] | number | undefined> = {};
  for (const [name, value] of Object.entries(incoming)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
  const forwardedFor = incoming['x-forwarded-for'];
  headers['x-forwarded-for'] = forwardedFor ? `${String(forwardedFor)}, ${context.ip}` : context.ip;
  headers['x-forwarded-proto'] = 'https';
  if (incoming.host) headers['x-forwarded-host'] = incoming.host;
  applyHeaderRules(headers, context.rules);
  return headers;
}

export function downstreamResponseHeaders(incoming: IncomingHttpHeaders, rules?: HeaderRules | null): OutgoingHttpHeaders {
  const headers: Record<string, string | string[] | number | undefined> = {};
  for (const [name, value] of Object.entries(incoming)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
  applyHeaderRules(headers, rules);
  return headers;
}

/** Throws on a CIDR the edge could not enforce, so a bad list fails the bind, not every request. */
export function assertValidRestriction(restriction: IpRestrictionOptions | null | undefined): void {
  blockList([...(restriction?.allow_cidrs ?? []), ...(restriction?.deny_cidrs ?? [])]);
}

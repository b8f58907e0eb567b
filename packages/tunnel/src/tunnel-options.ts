import { isIP } from 'node:net';
import { InvalidShareOption } from './errors.ts';

/** Edge-side access control and headers for a tunnel; all enforced by ngrok, not by skylift. */
export interface AccessOptions {
  /** A reserved ngrok domain, e.g. `ada.ngrok.app`. */
  readonly domain?: string;
  readonly basicAuth?: { readonly username: string; readonly password: string };
  /** OAuth provider name as ngrok knows it: google, github, microsoft, ... */
  readonly oauthProvider?: string;
  readonly allowCidrs?: readonly string[];
  readonly denyCidrs?: readonly string[];
  readonly requestHeaders?: readonly { readonly name: string; readonly value: string }[];
}

/** `user:pass` as ngrok wants it (its edge refuses passwords shorter than 8 characters). */
export function parseBasicAuth(value: string): { username: string; password: string } {
  const colon = value.indexOf(':');
  const username = colon < 0 ? '' : value.slice(0, colon);
  const password = colon < 0 ? '' : value.slice(colon + 1);
  if (!username || password.length < 8 || password.length > 128) {
    throw InvalidShareOption('--auth', '(value hidden)', 'user:password with a password of 8 to 128 characters');
  }
  return { username, password };
}

export function parseCidr(option: string, value: string): string {
  const [network = '', prefix, extra] = value.split('/');
  const family = isIP(network);
  const bits = prefix === undefined ? undefined : Number(prefix);
  const max = family === 4 ? 32 : 128;
  if (family === 0 || extra !== undefined || (bits !== undefined && (!Number.isInteger(bits) || bits < 0 || bits > max) ) || prefix === '') {
    throw InvalidShareOption(option, value, 'an IP range like 203.0.113.0/24 or 2001:db8::/32');
  }
  return bits === undefined ? `${network}/${max}` : `${network}/${bits}`;
}

export function parseHeader(value: string): { name: string; value: string } {
  const colon = value.indexOf(':');
  const name = colon < 0 ? '' : value.slice(0, colon).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw InvalidShareOption('--request-header', value, '"Name: value"');
  return { name, value: value.slice(colon + 1).trim() };
}

/** True when anyone who learns the URL can reach the app. */
export function isOpenToEveryone(options: AccessOptions): boolean {
  return !options.basicAuth && !options.oauthProvider && !(options.allowCidrs && options.allowCidrs.length > 0);
}

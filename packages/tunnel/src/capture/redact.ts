import { REDACTED } from '@skylift/core';
import type { IncomingHttpHeaders } from 'node:http';

/** Always redacted: they carry credentials or sessions. */
export const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'] as const;

/** A copy of `headers` with secret ones (and `extra`, case-insensitive) replaced by REDACTED. */
export function redactHeaders(headers: IncomingHttpHeaders, extra: readonly string[] = []): Record<string, string | string[]> {
  const secret = new Set([...SECRET_HEADERS, ...extra.map((name) => name.toLowerCase())]);
  const copy: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    copy[name] = secret.has(name) ? (Array.isArray(value) ? value.map(() => REDACTED) : REDACTED) : value;
  }
  return copy;
}

/** Values of the headers `redactHeaders` hides, so an app that echoes them cannot leak them into a body. */
export function secretValues(headers: IncomingHttpHeaders, extra: readonly string[] = []): string[] {
  const secret = new Set([...SECRET_HEADERS, ...extra.map((name) => name.toLowerCase())]);
  const values: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!secret.has(name) || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) if (item.length >= 4) values.push(item);
  }
  return values;
}

/** `text` with every occurrence of each secret replaced by REDACTED. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) if (scrubbed.includes(secret)) scrubbed = scrubbed.split(secret).join(REDACTED);
  return scrubbed;
}

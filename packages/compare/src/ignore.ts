import type { FieldDifference } from './classify.ts';
import { globMatches, parseFieldGlob, type FieldGlob } from './field-path.ts';

/** What a suite (or a caller) adds to the default ignore list. */
export interface IgnoreRules {
  /** Response header names, case-insensitive, `*` wildcards: `x-instance-*`. */
  readonly headers?: readonly string[];
  /** Field path globs: `$.runtime.hostname`, `$..requestId`, `$.items[*].updatedAt`, `header.set-cookie.session`. */
  readonly fields?: readonly string[];
}

/**
 * Headers that tunnels, clouds and HTTP itself add or change on the way, never the app's behaviour.
 * Kept: content-type, cache-control, etag, location, vary, CORS and the app's own cookies, which
 * are behaviour. Target hosts inside values are normalised separately (see normalise-host.ts).
 */
export const defaultIgnoredHeaders: ReadonlyArray<{ readonly header: string; readonly why: string }> = [
  { header: 'date', why: 'set by every server at send time' },
  { header: 'age', why: 'added by caches on the way' },
  { header: 'via', why: 'added by proxies on the way' },
  { header: 'server', why: 'names the front end (ngrok, App Service, Kestrel), not the app' },
  { header: 'content-length', why: 'follows the body, which is compared itself; proxies may re-frame it as chunked' },
  { header: 'content-encoding', why: 'bodies are decoded before comparing; whether a hop compresses is not app behaviour' },
  { header: 'alt-svc', why: 'advertised by the edge (HTTP/3)' },
  ...['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authenticate'].map(
    (header) => ({ header, why: 'hop-by-hop (RFC 9110 §7.6.1): belongs to one connection, not the response' }),
  ),
  { header: 'ngrok-*', why: 'added by the ngrok edge' },
  { header: 'x-forwarded-*', why: 'added by proxies and tunnels' },
  { header: 'forwarded', why: 'added by proxies and tunnels' },
  { header: 'x-real-ip', why: 'added by proxies' },
  { header: 'x-arr-*', why: 'added by the App Service front end (ARR)' },
  { header: 'x-ms-*', why: 'added by Azure front ends' },
  { header: 'x-azure-*', why: 'added by Azure front ends' },
  { header: 'x-powered-by', why: 'added by the App Service front end (IIS/ASP.NET)' },
  { header: 'request-context', why: 'Application Insights correlation, per request' },
  ...['x-request-id', 'request-id', 'x-correlation-id', 'traceparent', 'tracestate'].map((header) => ({
    header,
    why: 'a per-request id',
  })),
];

export const defaultIgnoredFields: ReadonlyArray<{ readonly field: string; readonly why: string }> = [
  { field: 'header.set-cookie.ARRAffinity*', why: 'App Service instance affinity cookie (ARRAffinity, ARRAffinitySameSite)' },
];

interface Rule {
  readonly label: string;
  readonly glob: FieldGlob;
}

/** Decides, per difference, which ignore rule (if any) hides it; the rule is named in the report. */
export interface IgnoreMatcher {
  readonly rules: readonly string[];
  match(difference: Pick<FieldDifference, 'segments'>): string | undefined;
}

export function compileIgnore(rules: readonly (IgnoreRules | undefined)[], options: { defaults?: boolean } = {}): IgnoreMatcher {
  const compiled: Rule[] = [];
  const header = (name: string) => compiled.push({ label: `header ${name}`, glob: parseFieldGlob(`header[${JSON.stringify(name.toLowerCase())}]`) });
  const field = (path: string) => compiled.push({ label: path, glob: parseFieldGlob(path) });
  if (options.defaults !== false) {
    for (const entry of defaultIgnoredHeaders) header(entry.header);
    for (const entry of defaultIgnoredFields) field(entry.field);
  }
  for (const set of rules) {
    for (const name of set?.headers ?? []) header(name);
    for (const path of set?.fields ?? []) field(path);
  }
  return {
    rules: compiled.map((rule) => rule.label),
    match: (difference) => compiled.find((rule) => globMatches(rule.glob, difference.segments))?.label,
  };
}

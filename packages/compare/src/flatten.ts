import { createHash } from 'node:crypto';
import { renderPath, type Segment } from './field-path.ts';

/** A response as the runner received it; `body` already decoded from any Content-Encoding. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

export type LiftedBody =
  | { readonly kind: 'empty' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'text'; readonly text: string; readonly sha256: string; readonly bytes: number }
  | { readonly kind: 'binary'; readonly sha256: string; readonly bytes: number };

/** A response reduced to comparable parts; header names are lower case. */
export interface LiftedResponse {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: LiftedBody;
}

const textType = /^(text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript|x-www-form-urlencoded)|image\/svg\+xml)/i;
const jsonType = /^application\/(?:[\w.+-]*\+)?json|^text\/json/i;

/**
 * `targetHost` (e.g. `127.0.0.1:8080`, `app.azurewebsites.net`) is replaced by `{host}` in header
 * values and body strings: an absolute Location or an echoed Host names the target it came from,
 * which is expected to differ between targets and is not a behaviour change.
 */
export function liftResponse(response: RawResponse, targetHost?: string): LiftedResponse {
  const normalise = targetHost ? (text: string) => text.split(targetHost).join('{host}') : undefined;
  const headers = liftHeaders(response.headers);
  if (normalise) for (const [name, value] of headers) if (value.includes(targetHost!)) headers.set(name, normalise(value));
  return { status: response.status, headers, body: liftBody(response, normalise) };
}

/** Set-Cookie is split per cookie name (`header.set-cookie.<name>`) so one affinity cookie can be ignored alone. */
function liftHeaders(headers: RawResponse['headers']): Map<string, string> {
  const lifted = new Map<string, string>();
  for (const [rawName, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    const values = Array.isArray(value) ? value : [value];
    if (name === 'set-cookie') {
      for (const cookie of values) {
        const eq = cookie.indexOf('=');
        lifted.set(`set-cookie.${(eq < 0 ? cookie : cookie.slice(0, eq)).trim()}`, cookie);
      }
    } else {
      lifted.set(name, values.join(', '));
    }
  }
  return lifted;
}

function liftBody(response: RawResponse, normalise: ((text: string) => string) | undefined): LiftedBody {
  const bytes = response.body;
  if (bytes.byteLength === 0) return { kind: 'empty' };
  const contentType = String(headerValue(response.headers, 'content-type') ?? '');
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!textType.test(contentType) && contentType) {
    return { kind: 'binary', sha256: createHash('sha256').update(raw).digest('hex'), bytes: bytes.byteLength };
  }
  const decoded = raw.toString('utf8');
  // Replacing inside the JSON text is safe: a host never contains a quote or a backslash.
  const text = normalise ? normalise(decoded) : decoded;
  if (jsonType.test(contentType) || (!contentType && /^\s*[[{]/.test(text))) {
    try {
      return { kind: 'json', value: JSON.parse(text) };
    } catch {
      // Declared JSON that does not parse is compared as text, which still shows where it differs.
    }
  }
  return { kind: 'text', text, sha256: createHash('sha256').update(text).digest('hex'), bytes: bytes.byteLength };
}

function headerValue(headers: RawResponse['headers'], name: string): string | string[] | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** Every leaf of a JSON value as `[path, value]`; empty objects and arrays are leaves too. */
export function flattenJson(value: unknown, prefix: readonly Segment[] = ['$']): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const walk = (node: unknown, path: Segment[]) => {
    if (Array.isArray(node) && node.length > 0) node.forEach((child, index) => walk(child, [...path, index]));
    else if (isJsonObject(node) && Object.keys(node).length > 0)
      for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
    else out.push([renderPath(path), node]);
  };
  walk(value, [...prefix]);
  return out;
}

/** Every comparable field of a response as `[path, value]`: status, headers, body leaves. */
export function flattenResponse(response: LiftedResponse): Array<[string, unknown]> {
  const fields: Array<[string, unknown]> = [['status', response.status]];
  for (const [name, value] of response.headers) fields.push([renderPath(headerSegments(name)), value]);
  const { body } = response;
  if (body.kind === 'json') fields.push(...flattenJson(body.value));
  else if (body.kind !== 'empty') fields.push(['body', `sha256:${body.sha256} (${body.bytes} bytes)`]);
  return fields;
}

/** `set-cookie.<name>` keys become `header.set-cookie.<name>`; other headers `header.<name>`. */
export function headerSegments(key: string): Segment[] {
  return key.startsWith('set-cookie.') ? ['header', 'set-cookie', key.slice('set-cookie.'.length)] : ['header', key];
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a JSON path such as `$.items[0].name` from a value; `undefined` when absent. */
export function valueAtPath(value: unknown, path: string): unknown {
  let node: unknown = value;
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/gy;
  if (!path.startsWith('$')) return undefined;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path);
    if (!match) return undefined;
    const key = match[1] ?? (match[2] !== undefined ? Number(match[2]) : (JSON.parse(`"${match[3]}"`) as string));
    if (typeof key === 'number' ? !Array.isArray(node) : !isJsonObject(node)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

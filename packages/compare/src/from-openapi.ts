import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'undici';
import { parse } from 'yaml';
import { OpenApiInvalid, SuiteUnreadable } from './errors.ts';
import { isJsonObject } from './flatten.ts';
import type { ComparisonRequest } from './request.ts';

type Obj = Record<string, unknown>;

/** Reads an OpenAPI 3 / Swagger 2 document (file or http(s) URL, JSON or YAML) and derives its requests. */
export async function requestsFromOpenApi(source: string, options: { timeoutMs?: number } = {}): Promise<ComparisonRequest[]> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    try {
      const response = await httpRequest(source, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
      text = await response.body.text();
      if (response.statusCode >= 400) throw OpenApiInvalid(source, `answered HTTP ${response.statusCode}`);
    } catch (error) {
      if (OpenApiInvalid.is(error)) throw error;
      throw OpenApiInvalid(source, `could not be fetched (${(error as Error).message})`);
    }
  } else {
    try {
      text = await readFile(source, 'utf8');
    } catch (error) {
      throw SuiteUnreadable(source, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw OpenApiInvalid(source, `not JSON or YAML (${(error as Error).message.split('\n')[0]})`);
  }
  return requestsFromOpenApiDocument(document, source);
}

/**
 * Every GET that can be sent without inventing a value: no path template, no required parameter
 * (operation- or path-level, `$ref`s to components followed). Paths keep the server's base path.
 */
export function requestsFromOpenApiDocument(document: unknown, source: string): ComparisonRequest[] {
  if (!isJsonObject(document) || (!document.openapi && !document.swagger) || !isJsonObject(document.paths))
    throw OpenApiInvalid(source, 'no `openapi`/`swagger` version and `paths`');
  const base = basePath(document);
  const requests: ComparisonRequest[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (!isJsonObject(item) || !isJsonObject(item.get) || path.includes('{')) continue;
    const operation = item.get;
    const parameters = [...asList(item.parameters), ...asList(operation.parameters)].map((parameter) => resolve(document, parameter));
    if (parameters.some((parameter) => parameter.required === true)) continue;
    const fullPath = `${base}${path}`;
    requests.push({
      name: typeof operation.operationId === 'string' ? operation.operationId : `GET ${fullPath}`,
      method: 'GET',
      path: fullPath,
      headers: { accept: 'application/json' },
      origin: `${source}#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/get`,
    });
  }
  return requests;
}

function basePath(document: Obj): string {
  const raw = typeof document.basePath === 'string' ? document.basePath : Array.isArray(document.servers) && isJsonObject(document.servers[0]) ? String(document.servers[0].url ?? '') : '';
  const path = /^[a-z]+:\/\//i.test(raw) ? new URL(raw).pathname : raw.replace(/\{[^}]*\}/g, '');
  return path.replace(/\/+$/, '');
}

function asList(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

function resolve(document: Obj, parameter: Obj): Obj {
  if (typeof parameter.$ref !== 'string' || !parameter.$ref.startsWith('#/')) return parameter;
  let node: unknown = document;
  for (const part of parameter.$ref.slice(2).split('/')) node = isJsonObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return isJsonObject(node) ? node : parameter;
}

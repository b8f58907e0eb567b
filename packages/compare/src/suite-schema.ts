import { parseFieldGlob } from './field-path.ts';
import type { IgnoreRules } from './ignore.ts';
import type { NoiseThresholds } from './noise.ts';
import { httpMethods, type ComparisonRequest, type Expectations } from './request.ts';

/** A request suite: what `--suite` files (YAML or JSON) hold once validated. */
export interface Suite {
  readonly name?: string;
  readonly requests: readonly ComparisonRequest[];
  readonly ignore?: IgnoreRules;
  readonly noise?: Partial<NoiseThresholds>;
}

export type SchemaPath = ReadonlyArray<string | number>;

export interface SchemaProblem {
  readonly path: SchemaPath;
  readonly message: string;
  /** Point at the key itself (an unknown key) rather than its value. */
  readonly atKey?: boolean;
}

type Obj = Record<string, unknown>;

/**
 * Validates a parsed suite and builds its requests. Problems carry the path of the offending node,
 * which load-suite.ts turns into file:line:col.
 */
export function validateSuite(data: unknown): { suite?: Suite; problems: SchemaProblem[] } {
  const problems: SchemaProblem[] = [];
  const problem = (path: SchemaPath, message: string, atKey = false) => problems.push({ path, message, atKey });
  const top = object(data, [], problem, ['name', 'ignore', 'noise', 'defaults', 'requests']);
  if (!top) return { problems };
  const name = optionalString(top, 'name', [], problem);
  const ignore = ignoreRules(top.ignore, ['ignore'], problem);
  const noise = noiseThresholds(top.noise, ['noise'], problem);
  const defaults = top.defaults === undefined ? {} : object(top.defaults, ['defaults'], problem, ['headers']);
  const defaultHeaders = defaults ? headerMap(defaults.headers, ['defaults', 'headers'], problem) : {};
  if (!Array.isArray(top.requests) || top.requests.length === 0) {
    problem(top.requests === undefined ? [] : ['requests'], '`requests` must be a non-empty list of requests');
    return { problems };
  }
  const seen = new Set<string>();
  const requests: ComparisonRequest[] = [];
  top.requests.forEach((entry, index) => {
    const request = suiteRequest(entry, ['requests', index], problem, defaultHeaders);
    if (!request) return;
    if (seen.has(request.name)) problem(['requests', index, 'name'], `request name "${request.name}" is used twice; names must be unique`);
    seen.add(request.name);
    requests.push(request);
  });
  if (problems.length > 0) return { problems };
  return { suite: { ...(name ? { name } : {}), requests, ...(ignore ? { ignore } : {}), ...(noise ? { noise } : {}) }, problems };
}

type Report = (path: SchemaPath, message: string, atKey?: boolean) => void;

function suiteRequest(data: unknown, path: SchemaPath, problem: Report, defaultHeaders: Record<string, string>): ComparisonRequest | undefined {
  const entry = object(data, path, problem, ['name', 'method', 'path', 'query', 'headers', 'body', 'expect', 'ignore']);
  if (!entry) return undefined;
  const method = (optionalString(entry, 'method', path, problem) ?? 'GET').toUpperCase();
  if (!(httpMethods as readonly string[]).includes(method)) problem([...path, 'method'], `method must be one of ${httpMethods.join(', ')}`);
  const target = optionalString(entry, 'path', path, problem);
  if (target === undefined) {
    problem(path, 'each request needs a `path` starting with "/"');
    return undefined;
  }
  if (!target.startsWith('/')) problem([...path, 'path'], `path "${target}" must start with "/"`);
  const query = queryString(entry.query, [...path, 'query'], problem);
  const fullPath = query ? `${target}${target.includes('?') ? '&' : '?'}${query}` : target;
  const headers = { ...defaultHeaders, ...headerMap(entry.headers, [...path, 'headers'], problem) };
  let body: string | undefined;
  if (typeof entry.body === 'string') body = entry.body;
  else if (entry.body !== undefined) {
    body = JSON.stringify(entry.body);
    headers['content-type'] ??= 'application/json';
  }
  const expect = expectations(entry.expect, [...path, 'expect'], problem);
  const ignore = ignoreRules(entry.ignore, [...path, 'ignore'], problem);
  const name = optionalString(entry, 'name', path, problem) ?? `${method} ${fullPath}`;
  return {
    name,
    method,
    path: fullPath,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(expect ? { expect } : {}),
    ...(ignore ? { ignore } : {}),
  };
}

function expectations(data: unknown, path: SchemaPath, problem: Report): Expectations | undefined {
  if (data === undefined) return undefined;
  const entry = object(data, path, problem, ['status', 'json', 'headers']);
  if (!entry) return undefined;
  const out: { status?: number; json?: Obj; headers?: string[] } = {};
  if (entry.status !== undefined) {
    if (!Number.isInteger(entry.status) || (entry.status as number) < 100 || (entry.status as number) > 599)
      problem([...path, 'status'], 'status must be an HTTP status code (100-599)');
    else out.status = entry.status as number;
  }
  if (entry.json !== undefined) {
    const json = object(entry.json, [...path, 'json'], problem);
    if (json) {
      for (const key of Object.keys(json))
        if (!key.startsWith('$')) problem([...path, 'json', key], `"${key}" must be a JSON path starting with "$" (e.g. $.status)`, true);
      out.json = json;
    }
  }
  if (entry.headers !== undefined) out.headers = stringList(entry.headers, [...path, 'headers'], problem).map((h) => h.toLowerCase());
  return out;
}

function ignoreRules(data: unknown, path: SchemaPath, problem: Report): IgnoreRules | undefined {
  if (data === undefined) return undefined;
  const entry = object(data, path, problem, ['headers', 'fields']);
  if (!entry) return undefined;
  const headers = entry.headers === undefined ? [] : stringList(entry.headers, [...path, 'headers'], problem);
  const fields = entry.fields === undefined ? [] : stringList(entry.fields, [...path, 'fields'], problem);
  fields.forEach((field, index) => {
    try {
      parseFieldGlob(field);
    } catch (error) {
      problem([...path, 'fields', index], `not a field path glob: ${(error as Error).message}`);
    }
  });
  return { headers, fields };
}

function noiseThresholds(data: unknown, path: SchemaPath, problem: Report): Partial<NoiseThresholds> | undefined {
  if (data === undefined) return undefined;
  const entry = object(data, path, problem, ['relativePercent', 'absolutePercent']);
  if (!entry) return undefined;
  const out: { relativePercent?: number; absolutePercent?: number } = {};
  for (const key of ['relativePercent', 'absolutePercent'] as const) {
    const value = entry[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || value < 0 || value > 100) problem([...path, key], `${key} must be a number from 0 to 100`);
    else out[key] = value;
  }
  return out;
}

function headerMap(data: unknown, path: SchemaPath, problem: Report): Record<string, string> {
  if (data === undefined) return {};
  const entry = object(data, path, problem);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(entry ?? {})) {
    if (typeof value !== 'string' && typeof value !== 'number') problem([...path, name], `header "${name}" must be a string`);
    else if (name.toLowerCase() === 'host') problem([...path, name], 'Host is set per target and is never sent from a suite', true);
    else out[name.toLowerCase()] = String(value);
  }
  return out;
}

function queryString(data: unknown, path: SchemaPath, problem: Report): string {
  if (data === undefined) return '';
  const entry = object(data, path, problem);
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(entry ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (['string', 'number', 'boolean'].includes(typeof item)) params.append(name, String(item));
      else problem([...path, name], `query "${name}" must be a string, number, boolean or a list of them`);
    }
  }
  return params.toString();
}

function stringList(data: unknown, path: SchemaPath, problem: Report): string[] {
  if (!Array.isArray(data)) {
    problem(path, 'must be a list of strings');
    return [];
  }
  return data.filter((item, index) => {
    if (typeof item === 'string' && item.length > 0) return true;
    problem([...path, index], 'must be a non-empty string');
    return false;
  }) as string[];
}

function optionalString(entry: Obj, key: string, path: SchemaPath, problem: Report): string | undefined {
  const value = entry[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) {
    problem([...path, key], `\`${key}\` must be a non-empty string`);
    return undefined;
  }
  return value;
}

function object(data: unknown, path: SchemaPath, problem: Report, allowed?: readonly string[]): Obj | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problem(path, path.length === 0 ? 'a suite must be a mapping with a `requests` list' : 'must be a mapping (key: value)');
    return undefined;
  }
  if (allowed)
    for (const key of Object.keys(data))
      if (!allowed.includes(key)) problem([...path, key], `unknown key "${key}"; expected one of ${allowed.join(', ')}`, true);
  return data as Obj;
}

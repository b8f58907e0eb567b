import { renderPath, type Segment } from './field-path.ts';
import { headerSegments, isJsonObject, type LiftedBody, type LiftedResponse } from './flatten.ts';
import { textDiffExcerpt } from './text-diff.ts';

export const differenceKinds = ['value', 'type', 'missing', 'extra', 'ordering', 'size'] as const;
export type DifferenceKind = (typeof differenceKinds)[number];

/** One way a candidate's response differs from the baseline's, at one field path. */
export interface FieldDifference {
  readonly path: string;
  readonly segments: readonly Segment[];
  readonly kind: DifferenceKind;
  /** The baseline's value at `path` (absent for `extra`). */
  readonly baseline?: unknown;
  /** The candidate's value at `path` (absent for `missing`). */
  readonly candidate?: unknown;
  /** Order pattern, size summary or text diff excerpt. */
  readonly detail?: string;
}

/** Keys that identify an element of an array of objects, so reordered or inserted elements still pair up. */
const identityKeys = ['id', 'key', 'uuid', '_id'];
const maxListed = 20;

/**
 * Diffy's classification (compare/Difference.scala) with two changes for HTTP APIs: paths keep
 * array indices so a report points at the element, and arrays of objects that carry an identity
 * key are paired by it, so a reordered or extended list shows as ordering/size plus the real
 * field changes instead of a cascade of index-by-index differences.
 */
export function classify(baseline: LiftedResponse, candidate: LiftedResponse): FieldDifference[] {
  const out: FieldDifference[] = [];
  if (baseline.status !== candidate.status)
    push(out, ['status'], 'value', { baseline: baseline.status, candidate: candidate.status });
  for (const [name, value] of baseline.headers) {
    const other = candidate.headers.get(name);
    if (other === undefined) push(out, headerSegments(name), 'missing', { baseline: value });
    else if (other !== value) push(out, headerSegments(name), 'value', { baseline: value, candidate: other });
  }
  for (const [name, value] of candidate.headers)
    if (!baseline.headers.has(name)) push(out, headerSegments(name), 'extra', { candidate: value });
  diffBodies(baseline.body, candidate.body, out);
  return out;
}

function push(out: FieldDifference[], segments: readonly Segment[], kind: DifferenceKind, parts: Partial<FieldDifference>): void {
  out.push({ path: renderPath(segments), segments, kind, ...parts });
}

function diffBodies(a: LiftedBody, b: LiftedBody, out: FieldDifference[]): void {
  if (a.kind !== b.kind) {
    push(out, ['body'], 'type', { baseline: describeBody(a), candidate: describeBody(b) });
  } else if (a.kind === 'json' && b.kind === 'json') {
    diffJson(a.value, b.value, ['$'], out);
  } else if ((a.kind === 'text' || a.kind === 'binary') && (b.kind === 'text' || b.kind === 'binary') && a.sha256 !== b.sha256) {
    const detail = a.kind === 'text' && b.kind === 'text' ? textDiffExcerpt(a.text, b.text) : undefined;
    push(out, ['body'], 'value', { baseline: describeBody(a), candidate: describeBody(b), ...(detail ? { detail } : {}) });
  }
}

function describeBody(body: LiftedBody): string {
  if (body.kind === 'empty') return 'empty body';
  if (body.kind === 'json') return 'JSON body';
  return `${body.kind} sha256:${body.sha256.slice(0, 12)} (${body.bytes} bytes)`;
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function diffJson(a: unknown, b: unknown, path: Segment[], out: FieldDifference[]): void {
  const ta = jsonType(a);
  const tb = jsonType(b);
  if (ta !== tb) return push(out, path, 'type', { baseline: a, candidate: b, detail: `${ta} → ${tb}` });
  if (ta === 'array') return diffArrays(a as unknown[], b as unknown[], path, out);
  if (ta === 'object') return diffObjects(a as Record<string, unknown>, b as Record<string, unknown>, path, out);
  if (a !== b) push(out, path, 'value', { baseline: a, candidate: b });
}

function diffObjects(a: Record<string, unknown>, b: Record<string, unknown>, path: Segment[], out: FieldDifference[]): void {
  for (const key of Object.keys(a)) {
    if (!Object.hasOwn(b, key)) push(out, [...path, key], 'missing', { baseline: a[key] });
    else diffJson(a[key], b[key], [...path, key], out);
  }
  for (const key of Object.keys(b)) if (!Object.hasOwn(a, key)) push(out, [...path, key], 'extra', { candidate: b[key] });
}

function diffArrays(a: unknown[], b: unknown[], path: Segment[], out: FieldDifference[]): void {
  if (jsonEqual(a, b)) return;
  const key = identityKey(a, b);
  if (key) return diffKeyedArrays(a as Array<Record<string, unknown>>, b as Array<Record<string, unknown>>, key, path, out);
  const ca = a.map(canonical);
  const cb = b.map(canonical);
  const onlyA = multisetMinus(ca, cb);
  const onlyB = multisetMinus(cb, ca);
  if (onlyA.length === 0 && onlyB.length === 0) {
    const used = new Set<number>();
    const pattern = cb.map((item) => {
      const index = ca.findIndex((candidate, i) => candidate === item && !used.has(i));
      used.add(index);
      return index;
    });
    return push(out, path, 'ordering', { baseline: a, candidate: b, detail: `order ${list(pattern)} (baseline indices, candidate order)` });
  }
  if (a.length === b.length) {
    a.forEach((item, index) => diffJson(item, b[index], [...path, index], out));
    return;
  }
  push(out, path, 'size', { baseline: a.length, candidate: b.length, detail: sizeDetail(a.length, b.length, onlyA, onlyB) });
}

function diffKeyedArrays(
  a: Array<Record<string, unknown>>,
  b: Array<Record<string, unknown>>,
  key: string,
  path: Segment[],
  out: FieldDifference[],
): void {
  const indexInB = new Map(b.map((item, index) => [item[key], index]));
  const matched: Array<[number, number]> = [];
  const onlyA: string[] = [];
  a.forEach((item, index) => {
    const other = indexInB.get(item[key]);
    if (other === undefined) onlyA.push(`${key}=${JSON.stringify(item[key])}`);
    else matched.push([index, other]);
  });
  const inA = new Set(a.map((item) => item[key]));
  const onlyB = b.filter((item) => !inA.has(item[key])).map((item) => `${key}=${JSON.stringify(item[key])}`);
  if (a.length !== b.length) {
    push(out, path, 'size', { baseline: a.length, candidate: b.length, detail: sizeDetail(a.length, b.length, onlyA, onlyB) });
  } else {
    b.forEach((item, index) => {
      if (!inA.has(item[key])) push(out, [...path, index], 'extra', { candidate: item });
    });
    for (const [index, item] of a.entries()) if (!indexInB.has(item[key])) push(out, [...path, index], 'missing', { baseline: item });
  }
  const order = matched.map(([, other]) => other);
  if (order.some((other, i) => i > 0 && other < order[i - 1]!)) {
    const byCandidate = [...matched].sort((x, y) => x[1] - y[1]).map(([index]) => a[index]![key]);
    push(out, path, 'ordering', {
      baseline: a.map((item) => item[key]),
      candidate: byCandidate,
      detail: `order by ${key}: ${list(a.map((item) => item[key]))} → ${list(byCandidate)}`,
    });
  }
  for (const [index, other] of matched) diffJson(a[index], b[other], [...path, index], out);
}

/** The first identity key every element of both arrays has, with unique primitive values in each. */
function identityKey(a: unknown[], b: unknown[]): string | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  return identityKeys.find((key) =>
    [a, b].every((items) => {
      const seen = new Set<unknown>();
      for (const item of items) {
        if (!isJsonObject(item)) return false;
        const value = item[key];
        if ((typeof value !== 'string' && typeof value !== 'number') || seen.has(value)) return false;
        seen.add(value);
      }
      return true;
    }),
  );
}

function sizeDetail(na: number, nb: number, onlyA: string[], onlyB: string[]): string {
  const parts = [`${na} → ${nb} items`];
  if (onlyA.length) parts.push(`only in baseline: ${list(onlyA)}`);
  if (onlyB.length) parts.push(`only in candidate: ${list(onlyB)}`);
  return parts.join('; ');
}

function list(items: readonly unknown[]): string {
  const shown = items.slice(0, maxListed).map((item) => (typeof item === 'string' ? clip(item, 80) : JSON.stringify(item)));
  return `[${shown.join(', ')}${items.length > maxListed ? `, … ${items.length - maxListed} more` : ''}]`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function multisetMinus(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of b) counts.set(item, (counts.get(item) ?? 0) + 1);
  return a.filter((item) => {
    const left = counts.get(item) ?? 0;
    if (left === 0) return true;
    counts.set(item, left - 1);
    return false;
  });
}

/** JSON text with sorted keys: equal for equal values whatever the key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isJsonObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

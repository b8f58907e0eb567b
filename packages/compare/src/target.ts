import { TargetsInvalid } from './errors.ts';

/** A base URL every request is sent to; `id` names its column in reports. */
export interface Target {
  readonly id: string;
  readonly url: URL;
  readonly role: 'baseline' | 'noise-baseline' | 'candidate';
}

export type TargetInput = string | URL | { readonly url: string | URL; readonly name?: string };

export function toTarget(input: TargetInput, fallbackId: string, role: Target['role']): Target {
  const raw = typeof input === 'string' || input instanceof URL ? input : input.url;
  const name = typeof input === 'object' && !(input instanceof URL) ? input.name : undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw TargetsInvalid(`"${String(raw)}" is not a URL (expected e.g. http://127.0.0.1:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw TargetsInvalid(`${url.href} is not an http(s) URL`);
  if (url.search || url.hash) throw TargetsInvalid(`${url.href} has a query or fragment; give a base URL`);
  return { id: name ?? fallbackId, url, role };
}

/** `/base` + `/api/x?y` → `/base/api/x?y`, so a target can live under a path prefix. */
export function targetPath(target: Target, path: string): string {
  const base = target.url.pathname.replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}

/**
 * CLI target rules: without --baseline the first URL is the baseline; one --baseline goes first;
 * a second --baseline is the noise baseline (e.g. the app direct beside its tunnel).
 */
export function planTargets(urls: readonly string[], baselines: readonly string[] = []): { targets: string[]; noiseBaseline?: string } {
  if (baselines.length > 2) throw TargetsInvalid('give --baseline at most twice (the baseline, and a second one for noise)');
  const targets = baselines.length > 0 ? [baselines[0]!, ...urls] : [...urls];
  if (targets.length < 2) throw TargetsInvalid('give at least two URLs: a baseline and a candidate');
  return { targets, ...(baselines[1] ? { noiseBaseline: baselines[1] } : {}) };
}

import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { NoRequests } from './errors.ts';
import { requestsFromCapture } from './from-capture.ts';
import { requestsFromOpenApi } from './from-openapi.ts';
import type { IgnoreRules } from './ignore.ts';
import { loadSuite } from './load-suite.ts';
import type { NoiseThresholds } from './noise.ts';
import type { ComparisonRequest } from './request.ts';

export interface RequestSources {
  readonly suite?: string;
  readonly fromCapture?: string;
  readonly openapi?: string;
  /** Where a default `skylift.suite.yaml` is looked for when no source is given. */
  readonly cwd: string;
}

export interface LoadedRequests {
  readonly requests: ComparisonRequest[];
  readonly ignore?: IgnoreRules;
  readonly noise?: Partial<NoiseThresholds>;
  readonly notes: string[];
}

export const defaultSuiteNames = ['skylift.suite.yaml', 'skylift.suite.yml', 'skylift.suite.json'];

/** Gathers requests from every source given (suite, capture, OpenAPI), or the project's default suite. */
export async function loadRequests(sources: RequestSources): Promise<LoadedRequests> {
  const requests: ComparisonRequest[] = [];
  const notes: string[] = [];
  let ignore: IgnoreRules | undefined;
  let noise: Partial<NoiseThresholds> | undefined;
  let suiteFile = sources.suite;
  if (!suiteFile && !sources.fromCapture && !sources.openapi) {
    suiteFile = await firstExisting(defaultSuiteNames.map((name) => join(sources.cwd, name)));
    if (!suiteFile)
      throw NoRequests(`give --suite <file>, --from-capture <file.jsonl> or --openapi <url|file> (or add ${defaultSuiteNames[0]} here)`);
  }
  if (suiteFile) {
    const suite = await loadSuite(suiteFile, sources.cwd);
    requests.push(...suite.requests);
    ignore = suite.ignore;
    noise = suite.noise;
  }
  if (sources.fromCapture) {
    const captured = await requestsFromCapture(sources.fromCapture);
    requests.push(...captured.requests);
    notes.push(...captured.notes);
  }
  if (sources.openapi) requests.push(...(await requestsFromOpenApi(sources.openapi)));
  if (requests.length === 0) throw NoRequests('the given sources hold no requests that can be sent');
  return { requests, notes, ...(ignore ? { ignore } : {}), ...(noise ? { noise } : {}) };
}

async function firstExisting(paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) {
    try {
      await access(path);
      return path;
    } catch {
      // try the next name
    }
  }
  return undefined;
}

import type { ArmRoute } from './arm-route.ts';

/**
 * ARM paths are case-insensitive and a role assignment's scope is itself a path (the SDK even sends
 * `//subscriptions/...`), so routes are matched segment by segment here, not by fastify's router.
 * A pattern may start with `{scope+}`: any number of leading segments.
 */
export function normalisePath(rawPath: string): string {
  const collapsed = rawPath.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 && collapsed.endsWith('/') ? collapsed.slice(0, -1) : collapsed;
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(pattern: readonly string[], path: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index += 1) {
    const expected = pattern[index] as string;
    const actual = path[index] as string;
    if (expected.startsWith('{')) params[expected.slice(1, -1)] = decodeURIComponent(actual);
    else if (expected.toLowerCase() !== actual.toLowerCase()) return undefined;
  }
  return params;
}

export function matchRoute(routes: readonly ArmRoute[], method: string, path: string) {
  const pathSegments = segmentsOf(path);
  let pathMatched = false;
  for (const route of routes) {
    const patternSegments = segmentsOf(route.pattern);
    let params: Record<string, string> | undefined;
    if (patternSegments[0] === '{scope+}') {
      const tail = patternSegments.slice(1);
      const split = pathSegments.length - tail.length;
      if (split < 0) continue;
      params = matchSegments(tail, pathSegments.slice(split));
      if (params) params.scope = `/${pathSegments.slice(0, split).map(decodeURIComponent).join('/')}`;
    } else {
      params = matchSegments(patternSegments, pathSegments);
    }
    if (!params) continue;
    pathMatched = true;
    if (route.method === method) return { route, params, pathMatched };
  }
  return { route: undefined, params: undefined, pathMatched };
}

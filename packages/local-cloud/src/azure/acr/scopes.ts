/** A docker/distribution token scope: `repository:app/api:pull,push` or `registry:catalog:*`. */
export interface AccessEntry {
  readonly type: string;
  readonly name: string;
  readonly actions: readonly string[];
}

export function parseScope(scope: string): AccessEntry | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last === first) return undefined;
  const type = scope.slice(0, first);
  const name = scope.slice(first + 1, last);
  const actions = scope.slice(last + 1).split(',').filter(Boolean);
  return name === '' ? undefined : { type, name, actions };
}

/** Scopes arrive as repeated `scope` parameters, each possibly holding several space-separated scopes. */
export function scopesOf(values: readonly string[]): AccessEntry[] {
  return values.flatMap((value) => value.split(' ')).map(parseScope).filter((entry): entry is AccessEntry => entry !== undefined);
}

/** The RBAC data action each registry action needs (ACR's mapping for pull, push and delete). */
export const dataActions: Record<string, string> = {
  pull: 'Microsoft.ContainerRegistry/registries/pull/read',
  push: 'Microsoft.ContainerRegistry/registries/push/write',
  delete: 'Microsoft.ContainerRegistry/registries/artifacts/delete',
};

export function grants(access: readonly AccessEntry[], type: string, name: string, action: string): boolean {
  return access.some((entry) => entry.type === type && entry.name === name && (entry.actions.includes(action) || entry.actions.includes('*')));
}

/**
 * SAMPLE_API_BEHAVIOUR lets the compare and promote tests deploy a deliberately different build
 * of the same API without a second codebase.
 * - `normal`: the reference behaviour.
 * - `changed`: exactly one JSON field (item 2's price) and one status code (unknown item: 500
 *   instead of 404) differ; everything else is identical.
 * - `reordered`: GET /api/items lists the items in reverse order; nothing else differs.
 */
export const behaviours = ['normal', 'changed', 'reordered'] as const;
export type Behaviour = (typeof behaviours)[number];

export function parseBehaviour(value: string | undefined): Behaviour {
  if (value === undefined || value === '') return 'normal';
  if ((behaviours as readonly string[]).includes(value)) return value as Behaviour;
  throw new Error(
    `SAMPLE_API_BEHAVIOUR=${value} is not known: use one of ${behaviours.join(', ')} (or leave it unset)`,
  );
}

/** Every resource skylift creates carries these; `down` deletes nothing without them. */
export const MANAGED_BY_TAG = 'managed-by';
export const MANAGED_BY_VALUE = 'skylift';
export const PROJECT_TAG = 'skylift-project';

export function skyliftTags(project: string): Record<string, string> {
  return { [MANAGED_BY_TAG]: MANAGED_BY_VALUE, [PROJECT_TAG]: project };
}

/** Why a resource is not ours, or undefined when its tags say skylift made it for `project`. */
export function notOursBecause(tags: Record<string, string> | undefined, project?: string): string | undefined {
  if (tags?.[MANAGED_BY_TAG] !== MANAGED_BY_VALUE) return `no tag ${MANAGED_BY_TAG}=${MANAGED_BY_VALUE}`;
  if (project !== undefined && tags[PROJECT_TAG] !== project) {
    return `tagged ${PROJECT_TAG}=${tags[PROJECT_TAG] ?? '(none)'}, not ${project}`;
  }
  return undefined;
}

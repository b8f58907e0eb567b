import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.ts';
import type { EmulatorState } from './state.ts';
import { ownerRoleId, roleDefinitionResourceId } from './arm/role-definitions.ts';

/**
 * The emulator's state lives in memory and is written to `state.json` after every change (atomic
 * rename, writes serialised), so a rehearsal survives an emulator restart.
 */
export class StateStore {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly path: string,
    readonly state: EmulatorState,
  ) {}

  static async open(stateDir: string, now: number): Promise<StateStore> {
    const path = join(stateDir, 'state.json');
    try {
      return new StateStore(path, JSON.parse(await readFile(path, 'utf8')) as EmulatorState);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const store = new StateStore(path, freshState(now));
    await store.save();
    return store;
  }

  save(): Promise<void> {
    const text = `${JSON.stringify(this.state, null, 2)}\n`;
    this.writing = this.writing.then(() => writeFileAtomic(this.path, text));
    return this.writing;
  }
}

/** A new subscription whose only user, the developer, is its Owner (assigned long ago: no propagation delay). */
function freshState(now: number): EmulatorState {
  const subscriptionId = randomUUID();
  const developerObjectId = randomUUID();
  const scope = `/subscriptions/${subscriptionId}`;
  const assignmentName = randomUUID();
  const id = `${scope}/providers/Microsoft.Authorization/roleAssignments/${assignmentName}`;
  const longAgo = new Date(now - 86_400_000).toISOString();
  return {
    version: 1,
    subscriptionId,
    tenantId: randomUUID(),
    developerObjectId,
    ports: {},
    resourceGroups: {},
    resources: {},
    roleAssignments: {
      [id.toLowerCase()]: {
        id,
        name: assignmentName,
        scope,
        roleDefinitionId: roleDefinitionResourceId(subscriptionId, ownerRoleId),
        principalId: developerObjectId,
        principalType: 'User',
        description: null,
        createdOn: longAgo,
        createdBy: developerObjectId,
      },
    },
    principals: {
      [developerObjectId]: { objectId: developerObjectId, kind: 'User', displayName: 'developer', createdAt: now - 86_400_000 },
    },
    operations: {},
    appSettings: {},
  };
}

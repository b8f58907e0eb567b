import { armAudiences, checkEntraToken } from '../entra-tokens.ts';
import { isAllowed } from '../rbac.ts';
import type { AzureWorld } from '../world.ts';
import { ArmError } from './arm-error.ts';

export interface Caller {
  readonly objectId: string;
}

function challenge(world: AzureWorld, description: string) {
  return {
    'WWW-Authenticate': `Bearer authorization_uri="${world.armEndpoint}/${world.store.state.tenantId}", error="invalid_token", error_description="${description}"`,
  };
}

/** Every ARM call carries a bearer token the emulator issued, for ARM's audience. */
export function authenticate(world: AzureWorld, authorization: string | undefined): Caller {
  if (!authorization) {
    const description = "The authentication failed because of missing 'Authorization' header.";
    throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", challenge(world, description));
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) {
    const description = "The authentication failed because of invalid 'Authorization' header.";
    throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is provided in an invalid format.", challenge(world, description));
  }
  const checked = checkEntraToken(world, match[1] as string, armAudiences(world));
  if (checked.ok) return { objectId: checked.principal.objectId };
  if (checked.reason === 'expired') {
    throw new ArmError(401, 'ExpiredAuthenticationToken', 'The access token expiry UTC time is earlier than current UTC time.', challenge(world, 'The access token has expired.'));
  }
  if (checked.reason === 'audience') {
    throw new ArmError(
      401,
      'InvalidAuthenticationTokenAudience',
      `The access token has been obtained for wrong audience or resource. It should exactly match with one of the allowed audiences '${armAudiences(world).join("','")}'.`,
      challenge(world, 'The access token audience is invalid.'),
    );
  }
  throw new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid.', challenge(world, 'The access token is invalid.'));
}

export function authorize(world: AzureWorld, caller: Caller, action: string, scope: string): void {
  if (isAllowed(world.store.state, caller.objectId, action, scope, { now: world.clock.now() })) return;
  throw new ArmError(
    403,
    'AuthorizationFailed',
    `The client '${caller.objectId}' with object id '${caller.objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

import { describe, expect, it } from 'vitest';
import { SkyliftError } from '@skylift/core';
import { toSkyliftError } from './arm-error.ts';
import { armError } from './testing/arm-error.ts';

const resource = 'registry "skyliftdemo"';

describe('toSkyliftError', () => {
  it.each([
    [armError(409, 'AlreadyExists'), 'SKYLIFT_AZURE_NAME_TAKEN'],
    [Object.assign(armError(409, 'Conflict'), { message: 'Website with given name x already exists.' }), 'SKYLIFT_AZURE_NAME_TAKEN'],
    [armError(409, 'AnotherOperationInProgress'), 'SKYLIFT_AZURE_CONFLICT'],
    [armError(401, 'InvalidAuthenticationToken'), 'SKYLIFT_AZURE_AUTH'],
    [armError(403, 'AuthorizationFailed'), 'SKYLIFT_AZURE_FORBIDDEN'],
    [armError(409, 'MissingSubscriptionRegistration'), 'SKYLIFT_AZURE_PROVIDER_NOT_REGISTERED'],
    [armError(400, 'SubscriptionQuotaExceeded'), 'SKYLIFT_AZURE_QUOTA'],
    [armError(409, 'SkuNotAvailable'), 'SKYLIFT_AZURE_QUOTA'],
    [armError(429, 'TooManyRequests'), 'SKYLIFT_AZURE_THROTTLED'],
    [armError(500, 'InternalServerError'), 'SKYLIFT_AZURE_UNAVAILABLE'],
    [armError(404, 'ResourceGroupNotFound'), 'SKYLIFT_AZURE_NOT_FOUND'],
    [armError(400, 'InvalidParameter'), 'SKYLIFT_AZURE_BAD_REQUEST'],
    [Object.assign(new Error('no az, no env'), { name: 'CredentialUnavailableError' }), 'SKYLIFT_AZURE_AUTH'],
    [new Error('The long-running operation has failed. InternalError. disk full'), 'SKYLIFT_AZURE_OPERATION_FAILED'],
  ])('maps %s to %s: one line naming the resource', (error, code) => {
    const mapped = toSkyliftError(error, resource, 6);
    expect(mapped).toBeInstanceOf(SkyliftError);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toContain(resource);
    expect(mapped.message).not.toMatch(/\n/);
    expect(mapped.cause).toBe(error);
  });

  it('keeps Azure’s code and the attempts in the message', () => {
    expect(toSkyliftError(armError(503, 'ServiceUnavailable'), resource, 6).message).toContain('ServiceUnavailable after 6 attempts');
    expect(toSkyliftError(armError(403, 'AuthorizationFailed'), resource).message).toMatch(/AuthorizationFailed.*Owner or User Access Administrator/);
  });

  it('flattens a multi-line Azure message', () => {
    const error = Object.assign(armError(400, 'InvalidTemplate'), { message: 'line one\n  line two\r\nline three' });
    expect(toSkyliftError(error, resource).message).toContain('line one line two line three');
  });

  it('passes SkyliftErrors through', () => {
    const original = new SkyliftError('SKYLIFT_X', 'x');
    expect(toSkyliftError(original, resource)).toBe(original);
  });
});

import { isSkyliftError, type SkyliftError } from '@skylift/core';
import {
  AzureAuth,
  AzureBadRequest,
  AzureConflict,
  AzureForbidden,
  AzureNameTaken,
  AzureNotFound,
  AzureOperationFailed,
  AzureProviderNotRegistered,
  AzureQuota,
  AzureThrottled,
  AzureUnavailable,
} from './errors.ts';
import { errorFacts, isTransient, type ErrorFacts } from './retry.ts';

const IDENTITY_ERRORS = new Set(['CredentialUnavailableError', 'AuthenticationError', 'AggregateAuthenticationError']);
const NAME_TAKEN = /already exists|not available|already in use|NameNotAvailable|AlreadyExists/i;
const QUOTA = /quota|SkuNotAvailable|LimitExceeded/i;

/** Azure messages can run over several lines and include request ids: keep the first sentence-ish. */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Turns anything the SDKs throw into the SkyliftError a user reads: the resource, Azure's code and
 * the fix. The original error stays reachable as `cause` for `--verbose` style debugging.
 */
export function toSkyliftError(error: unknown, resource: string, attempts = 1): SkyliftError {
  if (isSkyliftError(error)) return error;
  const mapped = classify(error, errorFacts(error), resource, attempts);
  mapped.cause = error;
  return mapped;
}

function classify(error: unknown, facts: ErrorFacts, resource: string, attempts: number): SkyliftError {
  const name = error instanceof Error ? error.name : '';
  const code = facts.code ?? (facts.status === undefined ? 'no status' : `HTTP ${facts.status}`);
  const detail = oneLine(facts.message);
  if (IDENTITY_ERRORS.has(name)) return AzureAuth(resource, detail);
  if (facts.status === 401 || /AuthenticationToken|InvalidAuthentication/i.test(facts.code ?? '')) {
    return AzureAuth(resource, code);
  }
  if (facts.code === 'MissingSubscriptionRegistration') return AzureProviderNotRegistered(resource, detail);
  if (facts.status === 403) return AzureForbidden(resource, code);
  if (facts.status === 429) return AzureThrottled(resource, attempts);
  if (QUOTA.test(facts.code ?? '')) return AzureQuota(resource, code, detail);
  if (facts.status === 409) {
    return NAME_TAKEN.test(`${facts.code ?? ''} ${facts.message}`)
      ? AzureNameTaken(resource, detail)
      : AzureConflict(resource, code, detail);
  }
  if (facts.status === 404) return AzureNotFound(resource, code);
  if (isTransient(facts)) return AzureUnavailable(resource, code, attempts);
  if (facts.status !== undefined && facts.status >= 400) return AzureBadRequest(resource, code, detail);
  return AzureOperationFailed(resource, detail);
}

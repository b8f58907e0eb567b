import type { TokenCredential } from '@azure/core-auth';
import type { DoctorCheck } from './check.ts';

export const ARM_SCOPE = 'https://management.azure.com/.default';

/**
 * Whether Azure credentials can be found: one ARM token request, bounded by `timeoutMs` so an
 * offline machine (no metadata endpoint, no network) answers quickly instead of hanging. The
 * token itself is dropped at once.
 */
export async function checkAzureCredentials(credential: TokenCredential, timeoutMs = 3_000): Promise<DoctorCheck> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve('timeout');
    }, timeoutMs);
  });
  try {
    const outcome = await Promise.race([credential.getToken(ARM_SCOPE, { abortSignal: abort.signal }).then((token) => token ?? undefined), timedOut]);
    if (outcome === 'timeout') return notFound(`no credential answered within ${timeoutMs / 1000} s`);
    if (!outcome) return notFound('no credential returned a token');
    return { name: 'Azure credentials', status: 'ok', detail: `an ARM token is available (expires ${new Date(outcome.expiresOnTimestamp).toISOString()})`, fix: null };
  } catch (error) {
    return notFound(describeFailure(error));
  } finally {
    clearTimeout(timer);
  }
}

function notFound(reason: string): DoctorCheck {
  return {
    name: 'Azure credentials',
    status: 'warn',
    detail: `not found (${reason})`,
    fix: '`az login` (or set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET); only `--target azure` needs it',
  };
}

// How each source of DefaultAzureCredential names itself in its error (most specific first).
const SOURCES: ReadonlyArray<readonly [RegExp, string]> = [
  [/EnvironmentCredential/, 'environment'],
  [/WorkloadIdentity/, 'workload identity'],
  [/ManagedIdentity/, 'managed identity'],
  [/Visual Studio Code/, 'VS Code'],
  [/Azure Developer CLI/, 'Azure Developer CLI'],
  [/Azure CLI/, 'Azure CLI'],
  [/PowerShell/, 'Azure PowerShell'],
];

/** DefaultAzureCredential fails with one error per source it tried: name the sources, not the prose. */
export function describeFailure(error: unknown): string {
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner) && inner.length > 0) {
    const tried = inner.map((each) => {
      const text = each instanceof Error ? each.message : String(each);
      return SOURCES.find(([pattern]) => pattern.test(text))?.[1];
    });
    const named = [...new Set(tried.filter((name) => name !== undefined))];
    if (named.length > 0) return `tried ${named.join(', ')}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n').find((line) => line.trim() !== '') ?? 'unknown error').trim().slice(0, 160);
}

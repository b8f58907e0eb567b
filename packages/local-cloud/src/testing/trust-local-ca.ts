import { ensureLocalCa } from '../ca.ts';

/**
 * vitest globalSetup: makes sure the local CA exists and that test workers start with
 * NODE_EXTRA_CA_CERTS pointing at it (Node reads the variable only at start-up; workers are
 * forked after global setup, so they inherit it). Use: `globalSetup: ['@skylift/local-cloud/trust-local-ca']`.
 */
export default async function trustLocalCa(): Promise<void> {
  const { caPath } = await ensureLocalCa();
  process.env.NODE_EXTRA_CA_CERTS = caPath;
}

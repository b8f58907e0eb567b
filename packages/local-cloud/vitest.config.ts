import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The loopback TLS servers of the local cloud (Azure ARM, ACR login servers, site front ends) use the local CA.
    globalSetup: ['@skylift/local-cloud/trust-local-ca'],
    // Managed-identity endpoints are read from the environment once per process: one process per file.
    pool: 'forks',
    // The machine is shared: integration files start containers, so run at most two at once.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});

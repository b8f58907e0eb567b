import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every loopback TLS server of the local cloud (ARM, ACR login servers, site front ends) uses the local CA.
    globalSetup: ['@skylift/local-cloud/trust-local-ca'],
    // One emulator per file: MSAL keeps the managed-identity endpoint for the whole process.
    isolate: true,
    pool: 'forks',
    // The machine is shared: integration files start containers, so run at most two at once.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 180_000,
  },
});

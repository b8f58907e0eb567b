import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['@skylift/local-cloud/trust-local-ca', './helpers/build-sample.ts'],
    // Each file drives whole promote runs against the shared local cloud: one at a time.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});

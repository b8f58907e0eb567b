import { defineConfig } from 'vitest/config';

// CLI tests run the real binary (tsx start-up, a re-exec for the local CA) on a shared 2-core
// machine: a few seconds per process under load, so the 5 s default is too tight.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } });

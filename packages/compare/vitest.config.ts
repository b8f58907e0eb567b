import { defineConfig } from 'vitest/config';

// Tests start real sample-api processes and Chromium on a shared 2-core machine: allow for load.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLE_API = join(REPO_ROOT, 'apps/sample-api');
export const CLI = join(REPO_ROOT, 'packages/cli/bin/skylift.js');

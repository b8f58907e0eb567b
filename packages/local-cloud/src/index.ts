export { skyliftHome, localCloudDir } from './paths.ts';
export { ensureLocalCa, type LocalCa } from './ca.ts';

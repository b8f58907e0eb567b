export { TEST_LABELS, runOnLoopback, waitForHttp, type LoopbackContainer } from './containers.ts';
export { buildDirectory } from './build.ts';
export { followProgress, type ProgressEvent } from '../docker-progress.ts';

export { TEST_LABELS, runOnLoopback, waitForHttp, type LoopbackContainer } from './containers.ts';
export { buildDirectory } from './build.ts';
export { followProgress, type ProgressEvent } from '../docker-progress.ts';
export { httpsRequest, type Reply } from './https-request.ts';
export { startTestEdge, type TestEdge } from './test-edge.ts';

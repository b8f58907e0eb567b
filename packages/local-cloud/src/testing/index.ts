export { TEST_LABELS, runOnLoopback, waitForHttp, type LoopbackContainer } from './containers.ts';

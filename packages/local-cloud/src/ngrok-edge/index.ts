export { startNgrokEdge, type NgrokEdge, type NgrokEdgeOptions } from './edge.ts';

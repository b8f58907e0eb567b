export { buildApp } from './app.ts';
export type { BuildAppOptions } from './app.ts';
export { behaviours, parseBehaviour } from './behaviour.ts';
export type { Behaviour } from './behaviour.ts';
export { changedPrice, seedItems } from './items.ts';
export type { Item, NewItem } from './items.ts';

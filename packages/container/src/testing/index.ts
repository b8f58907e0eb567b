export { anonymousAuth, pushAnonymously } from './anonymous-push.ts';

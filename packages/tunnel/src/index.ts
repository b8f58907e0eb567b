export { findNgrokAuthtoken, ngrokConfigPaths, authtokenFromConfig, type NgrokAuthtokenLookup, type NgrokConfigHost } from './ngrok-config.ts';

export { findNgrokAuthtoken, ngrokConfigPaths, authtokenFromConfig, type NgrokAuthtokenLookup, type NgrokConfigHost } from './ngrok-config.ts';
export { resolveAuthtoken, type ResolvedAuthtoken } from './authtoken.ts';
export { resolveConnection, type ShareTarget } from './connection.ts';
export { openTunnel, Tunnel, type TunnelConnection, type TunnelStatus } from './open-tunnel.ts';
export { parseBasicAuth, parseCidr, parseHeader, isOpenToEveryone, type AccessOptions } from './tunnel-options.ts';
export { startCaptureProxy, type CaptureProxy, type CaptureProxyOptions, type ProxyExchange } from './capture-proxy.ts';
export { startShare, type RunningShare, type ShareIo, type ShareOptions } from './share.ts';
export { SHARE_SECTION, type ShareRecord } from './share-ledger.ts';
export * from './errors.ts';

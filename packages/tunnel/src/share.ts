import { assertListening, startApp, type StartedApp } from './app-process.ts';
import { CaptureFile, capturePathFor } from './capture/capture-file.ts';
import { startCaptureProxy, type CaptureProxy } from './capture-proxy.ts';
import type { ShareTarget } from './connection.ts';
import { openTunnel, type Tunnel, type TunnelConnection } from './open-tunnel.ts';
import { formatRequestLine } from './request-log.ts';
import { clearShare, recordShare } from './share-ledger.ts';
import type { AccessOptions } from './tunnel-options.ts';

export interface ShareOptions {
  readonly projectDir: string;
  /** The app's address, e.g. `http://127.0.0.1:3000`. */
  readonly app: URL;
  /** Shell command that starts the app; skylift waits for `app` to answer and stops it on exit. */
  readonly start?: string;
  readonly startTimeoutMs?: number;
  readonly target: ShareTarget;
  readonly connection: TunnelConnection;
  readonly access?: AccessOptions;
  readonly capture?: boolean;
  readonly redactHeaders?: readonly string[];
  readonly bodyCap?: number;
}

export interface ShareIo {
  /** Request lines and status changes (stderr in the CLI). */
  readonly log: (line: string) => void;
  /** The started app's output, line by line. */
  readonly appOutput?: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunningShare {
  readonly url: string;
  readonly capturePath?: string;
  readonly tunnel: Tunnel;
  readonly app?: StartedApp;
  /** Closes the tunnel, stops a started app, flushes the capture, clears the ledger entry. */
  stop(): Promise<void>;
}

/**
 * `skylift share`: the app (started if asked) ← in-process capture proxy ← ngrok tunnel. The app
 * must answer before any tunnel opens, so a typo in the port never produces a public 502.
 */
export async function startShare(options: ShareOptions, io: ShareIo): Promise<RunningShare> {
  const startedAt = new Date();
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    let app: StartedApp | undefined;
    if (options.start) {
      app = await startApp(options.start, options.app, {
        output: io.appOutput ?? (() => undefined),
        env: io.env,
        cwd: options.projectDir,
        timeoutMs: options.startTimeoutMs,
      });
      cleanups.push(() => app!.stop());
    } else {
      await assertListening(options.app);
    }

    const capture = options.capture === false ? undefined : await CaptureFile.open(capturePathFor(options.projectDir, startedAt));
    if (capture) cleanups.push(() => capture.close());
    const proxy: CaptureProxy = await startCaptureProxy({
      target: options.app,
      capture: capture !== undefined,
      bodyCap: options.bodyCap,
      redact: options.redactHeaders,
      onExchange: (exchange) => {
        io.log(formatRequestLine(exchange));
        if (exchange.captured) capture?.write(exchange.captured);
      },
    });
    cleanups.push(() => proxy.close());

    const tunnel = await openTunnel(options.connection, proxy.url, options.access);
    cleanups.push(() => tunnel.close());
    tunnel.on('status', (status, detail) => io.log(status === 'online' ? 'tunnel online again' : `tunnel reconnecting${detail ? ` (${detail})` : ''}`));

    await recordShare(options.projectDir, {
      url: tunnel.url,
      pid: process.pid,
      ...(capture ? { capturePath: capture.path } : {}),
      target: options.target,
      app: options.app.origin,
      startedAt: startedAt.toISOString(),
    });
    cleanups.push(() => clearShare(options.projectDir, tunnel.url));

    let stopping: Promise<void> | undefined;
    return { url: tunnel.url, capturePath: capture?.path, tunnel, app, stop: () => (stopping ??= cleanup()) };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

import { homedir } from 'node:os';
import type { AccessOptions, ShareTarget } from '@skylift/tunnel';
import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.ts';

type TunnelModule = typeof import('@skylift/tunnel');

interface ShareArgs {
  port?: number;
  url?: string;
  start?: string;
  auth?: string;
  oauth?: string;
  'allow-cidr': string[];
  'deny-cidr': string[];
  'request-header': string[];
  'redact-header': string[];
  domain?: string;
  capture: boolean;
  target: ShareTarget;
  authtoken?: string;
  json: boolean;
}

function appUrl(argv: ShareArgs, { InvalidShareOption, NothingToShare }: TunnelModule): URL {
  if (argv.port === undefined && argv.url === undefined) throw NothingToShare();
  if (argv.port !== undefined && argv.url !== undefined) throw InvalidShareOption('--port', `${argv.port} with --url`, 'one of --port or --url, not both');
  if (argv.port !== undefined) {
    if (!Number.isInteger(argv.port) || argv.port < 1 || argv.port > 65535) throw InvalidShareOption('--port', String(argv.port), 'a port from 1 to 65535');
    return new URL(`http://127.0.0.1:${argv.port}`);
  }
  const url = URL.canParse(argv.url ?? '') ? new URL(argv.url!) : undefined;
  if (!url || !/^https?:$/.test(url.protocol)) throw InvalidShareOption('--url', argv.url ?? '', 'an http(s) URL like http://localhost:3000');
  return url;
}

function accessOptions(argv: ShareArgs, { parseBasicAuth, parseCidr, parseHeader }: TunnelModule): AccessOptions {
  return {
    ...(argv.domain ? { domain: argv.domain } : {}),
    ...(argv.auth ? { basicAuth: parseBasicAuth(argv.auth) } : {}),
    ...(argv.oauth ? { oauthProvider: argv.oauth } : {}),
    allowCidrs: argv['allow-cidr'].map((cidr) => parseCidr('--allow-cidr', cidr)),
    denyCidrs: argv['deny-cidr'].map((cidr) => parseCidr('--deny-cidr', cidr)),
    requestHeaders: argv['request-header'].map(parseHeader),
  };
}

/** Resolves on the first of SIGINT/SIGTERM/SIGHUP, and stops listening for them. */
function nextStopSignal(): Promise<NodeJS.Signals> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      for (const name of signals) process.off(name, handler);
      resolve(signal);
    };
    for (const name of signals) process.on(name, handler);
  });
}

export function shareCommand(context: CliContext): CommandModule<object, ShareArgs> {
  const { terminal } = context;
  return {
    command: 'share',
    describe: 'Expose a local app at a public URL (ngrok), with a live request log and a capture for compare',
    builder: (yargs) =>
      yargs
        .option('port', { type: 'number', describe: 'Port of the app on this machine (http://127.0.0.1:PORT)' })
        .option('url', { type: 'string', describe: 'Address of the app, e.g. http://localhost:3000' })
        .option('start', { type: 'string', describe: 'Command that starts the app; skylift waits for it to answer and stops it on exit' })
        .option('auth', { type: 'string', describe: 'Basic auth at the edge: user:password (password 8+ characters)' })
        .option('oauth', { type: 'string', describe: 'OAuth at the edge with this provider (google, github, microsoft, ...)' })
        .option('allow-cidr', { type: 'string', array: true, default: [], describe: 'Only these client IP ranges (repeatable)' })
        .option('deny-cidr', { type: 'string', array: true, default: [], describe: 'Refuse these client IP ranges (repeatable)' })
        .option('request-header', { type: 'string', array: true, default: [], describe: 'Header the edge adds to each request: "Name: value" (repeatable)' })
        .option('redact-header', { type: 'string', array: true, default: [], describe: 'Header to redact in the capture besides Authorization/Cookie/Set-Cookie (repeatable)' })
        .option('domain', { type: 'string', describe: 'Your reserved ngrok domain' })
        .option('capture', { type: 'boolean', default: true, describe: 'Write requests and responses to .skylift/captures/ (--no-capture to skip)' })
        .option('target', { choices: ['ngrok', 'local'] as const, default: 'ngrok' as ShareTarget, describe: 'ngrok, or the local edge of the local cloud (started on demand)' })
        .option('authtoken', { type: 'string', describe: 'ngrok authtoken (default: NGROK_AUTHTOKEN, then the ngrok agent config file)' })
        .option('json', { type: 'boolean', default: false, describe: 'Print {url, capturePath, target, app, pid} on stdout instead of the URL' })
        .example('$0 share --port 3000 --auth ada:correct-horse', 'Public URL for localhost:3000 behind basic auth')
        .example('$0 share --port 3000 --start "npm start" --target local', 'Start the app and share it through the local edge')
        .example('URL=$($0 share --port 3000 --allow-cidr 203.0.113.0/24)', 'Only the URL goes to stdout') as never,
    handler: async (argv) => {
      // Loaded here, not at start-up: `skylift --help` and the other commands should not pay for it.
      const tunnel = await import('@skylift/tunnel');
      const { assertListening, isOpenToEveryone, resolveConnection, startShare } = tunnel;
      const app = appUrl(argv, tunnel);
      const access = accessOptions(argv, tunnel);
      // A wrong port fails here, before the local edge starts or any tunnel opens.
      if (!argv.start) await assertListening(app);
      const connection = await resolveConnection(argv.target, argv.authtoken, { platform: process.platform, home: homedir(), env: context.env });
      const share = await startShare(
        { projectDir: context.cwd, app, start: argv.start, target: argv.target, connection, access, capture: argv.capture, redactHeaders: argv['redact-header'] },
        { log: (line) => terminal.info(line), appOutput: (line) => terminal.info(`[app] ${line}`), env: context.env },
      );
      const stopped = nextStopSignal();
      if (argv.json) {
        terminal.result(JSON.stringify({ url: share.url, capturePath: share.capturePath ?? null, target: argv.target, app: app.origin, pid: process.pid, appPid: share.app?.pid ?? null }));
      } else {
        terminal.result(share.url);
      }
      terminal.info(`Forwarding ${share.url} -> ${app.origin}${share.capturePath ? `; capturing to ${share.capturePath}` : ''}. Ctrl-C to stop.`);
      if (isOpenToEveryone(access)) {
        terminal.warn('anyone who has the URL can reach your app: add --auth user:password, --oauth <provider> or --allow-cidr <range>');
      }
      const signal = await stopped;
      terminal.info(`${signal}: closing the tunnel${share.app ? ', stopping the app' : ''}${share.capturePath ? ', flushing the capture' : ''}`);
      await share.stop();
    },
  };
}

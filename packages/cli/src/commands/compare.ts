import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.ts';

interface CompareArgs {
  urls: string[];
  suite?: string;
  'from-capture'?: string;
  openapi?: string;
  baseline?: string | string[];
  repeat: number;
  concurrency: number;
  timeout: number;
  'allow-side-effects': boolean;
  html?: string;
  json: boolean;
}

export function compareCommand(context: CliContext): CommandModule<object, CompareArgs> {
  const { terminal } = context;
  return {
    command: 'compare [urls..]',
    describe: 'Send the same requests to every URL and show, side by side, where they answer differently (noise filtered)',
    builder: (yargs) =>
      yargs
        .positional('urls', { type: 'string', array: true, default: [], describe: 'Baseline URL first, then candidates' })
        .option('suite', { type: 'string', describe: 'Request suite, YAML or JSON (default: ./skylift.suite.yaml)' })
        .option('from-capture', { type: 'string', describe: 'Replay a `skylift share` capture (.jsonl); no value: the last share of this project' })
        .option('openapi', { type: 'string', describe: 'OpenAPI document (URL or file): every parameterless GET' })
        .option('baseline', { type: 'string', requiresArg: true, describe: 'Baseline URL; give it twice to learn noise from two baselines (e.g. direct and tunnel)' })
        .option('repeat', { type: 'number', default: 1, describe: 'Rounds of the suite (more rounds, sharper noise estimate)' })
        .option('concurrency', { type: 'number', default: 8, describe: 'Requests in flight per target' })
        .option('timeout', { type: 'number', default: 10_000, describe: 'Per-request timeout in ms' })
        .option('allow-side-effects', { type: 'boolean', default: false, describe: 'Also send POST/PUT/PATCH/DELETE' })
        .option('html', { type: 'string', describe: 'Write a self-contained HTML report to this file' })
        .option('json', { type: 'boolean', default: false, describe: 'Print the report as JSON on stdout' })
        .example('$0 compare http://localhost:3000 https://app.azurewebsites.net', 'Run ./skylift.suite.yaml against both')
        .example('$0 compare --baseline http://localhost:3000 --baseline https://x.ngrok.app https://app.azurewebsites.net --html report.html', 'Noise from direct vs tunnel')
        .epilog('Exit codes: 0 same, 1 real differences, 2 usage error, 3 a target did not answer.') as never,
    handler: async (argv) => {
      // Loaded here, not at start-up; the local cloud's paths alone, not its emulators.
      const [{ lastSharedCapture, loadRequests, planTargets, renderHtmlReport, renderTerminalReport, runComparison }, { localCloudDir }] = await Promise.all([
        import('@skylift/compare'),
        import('@skylift/local-cloud/paths'),
      ]);
      // Not an array option: yargs would swallow the positional URLs after it. Repeats still collect.
      const baselines = argv.baseline === undefined ? [] : ([] as string[]).concat(argv.baseline);
      const { targets, noiseBaseline } = planTargets(argv.urls, baselines);
      const capture = argv['from-capture'];
      const loaded = await loadRequests({
        cwd: context.cwd,
        ...(argv.suite ? { suite: resolve(context.cwd, argv.suite) } : {}),
        ...(capture !== undefined ? { fromCapture: capture ? resolve(context.cwd, capture) : await lastSharedCapture(context.cwd) } : {}),
        ...(argv.openapi ? { openapi: /^https?:\/\//i.test(argv.openapi) ? argv.openapi : resolve(context.cwd, argv.openapi) } : {}),
      });
      for (const note of loaded.notes) terminal.warn(note);
      // Local-cloud URLs (tunnel edge, site front ends) are served with the local CA; trust it when it exists.
      const localCa = await readFile(join(localCloudDir(context.env), 'ca', 'ca.pem'), 'utf8').catch(() => undefined);
      const report = await runComparison({
        targets,
        ...(noiseBaseline ? { noiseBaseline } : {}),
        requests: loaded.requests,
        ...(loaded.ignore ? { ignore: loaded.ignore } : {}),
        ...(loaded.noise ? { noise: loaded.noise } : {}),
        repeat: argv.repeat,
        concurrency: argv.concurrency,
        timeoutMs: argv.timeout,
        allowSideEffects: argv['allow-side-effects'],
        ...(localCa ? { extraCaPem: localCa } : {}),
        ...(terminal.interactive ? { onProgress: ({ done, total }) => terminal.stderr.write(`\rcomparing ${done}/${total}`) } : {}),
      });
      if (terminal.interactive) terminal.stderr.write('\r\u001b[K');
      if (argv.html) {
        await writeFile(resolve(context.cwd, argv.html), renderHtmlReport(report));
        terminal.info(`HTML report: ${argv.html}`);
      }
      if (argv.json) terminal.result(JSON.stringify(report, null, 2));
      else {
        const color = terminal.interactive && Boolean((terminal.stdout as { isTTY?: boolean }).isTTY);
        terminal.stdout.write(renderTerminalReport(report, { color }));
      }
      context.exitCode = report.exitCode;
    },
  };
}

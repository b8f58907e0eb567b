import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import type { PromoteOptions, PromoteResult } from '@skylift/promote';
import { clouds, planSkus, validateOptions } from '@skylift/promote/options';
import type { CliContext } from '../context.ts';

interface PromoteArgs {
  target: 'azure' | 'local';
  cloud: string;
  subscription?: string;
  location?: string;
  name?: string;
  sku: string;
  'dry-run': boolean;
  json: boolean;
  baseline?: string;
  'rollback-on-diff': boolean;
  suite?: string;
  html?: string;
  'health-path': string;
  dockerfile?: string;
  timeout: number;
  'price-table'?: string;
  dir?: string;
}

export function promoteCommand(context: CliContext): CommandModule<object, PromoteArgs> {
  const { terminal } = context;
  return {
    command: 'promote',
    describe: 'Build, check locally, push, deploy to App Service and prove the cloud copy answers like the baseline',
    builder: (yargs) =>
      yargs
        .option('target', { choices: ['azure', 'local'] as const, default: 'azure' as const, describe: 'Azure, or the local cloud (started on demand)' })
        .option('cloud', { type: 'string', default: 'AzureCloud', describe: `Azure cloud: ${clouds.join(', ')}` })
        .option('subscription', { type: 'string', describe: 'Subscription id (default: AZURE_SUBSCRIPTION_ID)' })
        .option('location', { type: 'string', describe: 'Region, e.g. westeurope (default: eastus, or what the ledger says)' })
        .option('name', { type: 'string', describe: 'Web app name; the group, registry and plan names derive from it' })
        .option('sku', { type: 'string', default: 'B1', describe: `App Service plan tier: ${planSkus.join(', ')}` })
        .option('dry-run', { type: 'boolean', default: false, describe: 'Print the plan and its monthly price; change nothing' })
        .option('json', { type: 'boolean', default: false, describe: 'One JSON object on stdout' })
        .option('baseline', { type: 'string', describe: 'URL the cloud copy must answer like (default: the running share, else the image run locally)' })
        .option('rollback-on-diff', { type: 'boolean', default: false, describe: 'Put the previous image back when the compare finds differences' })
        .option('suite', { type: 'string', describe: 'Compare suite (default: ./skylift.suite.yaml, else the share capture)' })
        .option('html', { type: 'string', describe: 'Where to write the HTML compare report (default: .skylift/reports/)' })
        .option('health-path', { type: 'string', default: '/health', describe: 'Path that answers 2xx when the app is up' })
        .option('dockerfile', { type: 'string', describe: 'Dockerfile inside the project (default: Dockerfile)' })
        .option('timeout', { type: 'number', default: 300, describe: 'Seconds to wait for the cloud copy to answer' })
        .option('price-table', { type: 'string', describe: 'JSON price table overriding the shipped one (also SKYLIFT_PRICE_TABLE)' })
        .option('dir', { type: 'string', describe: 'Project directory (default: the current directory)' })
        .example('$0 promote --dry-run', 'What would be created, what it costs per month, what `down` removes')
        .example('$0 promote --target local', 'The whole path on the local cloud, for free')
        .example('$0 promote --rollback-on-diff', 'Deploy; if the cloud answers differently, put the previous image back')
        .epilog('Exit codes: 0 promoted, 1 differences (rolled back or not) or a failed stage, 2 usage error.') as never,
    handler: async (argv) => {
      const projectDir = resolve(context.cwd, argv.dir ?? '.');
      // Loaded here, not at start-up: the SDKs behind it would slow every other command down.
      const promote = await import('@skylift/promote');
      const options: PromoteOptions = {
        projectDir,
        projectName: await promote.readProjectName(projectDir),
        target: argv.target,
        cloud: argv.target === 'local' ? 'local' : argv.cloud,
        ...(argv.subscription ? { subscriptionId: argv.subscription } : {}),
        ...(argv.location ? { location: argv.location } : {}),
        ...(argv.name ? { name: argv.name } : {}),
        sku: argv.sku,
        healthPath: argv['health-path'],
        ...(argv.dockerfile ? { dockerfile: argv.dockerfile } : {}),
        ...(argv.baseline ? { baseline: argv.baseline } : {}),
        ...(argv.suite ? { suitePath: resolve(context.cwd, argv.suite) } : {}),
        ...(argv.html ? { htmlReport: resolve(context.cwd, argv.html) } : {}),
        rollbackOnDiff: argv['rollback-on-diff'],
        liveTimeoutMs: argv.timeout * 1000,
      };
      validateOptions(options);
      const {
        compareRunner,
        connectTarget,
        costLine,
        createProgressView,
        formatPlan,
        formatResult,
        loadPriceTable,
        preparePromote,
        readPromoteSection,
        runPromote,
        startLocalTarget,
        systemClock,
      } = promote;
      const prices = await loadPriceTable(argv['price-table'] ?? context.env.SKYLIFT_PRICE_TABLE);
      const progress = createProgressView(terminal, systemClock);
      // Ctrl-C: every finished step is already in the ledger; say so, then end as the signal would.
      const interrupted = (signal: NodeJS.Signals) => {
        progress.close();
        terminal.info(`\ninterrupted: what finished is recorded in .skylift/state.json; \`skylift promote\` continues from there`);
        process.kill(process.pid, signal);
      };
      process.once('SIGINT', interrupted);
      process.once('SIGTERM', interrupted);
      try {
        const connected = await connectTarget({
          target: argv.target,
          cloud: options.cloud,
          env: context.env,
          ...(options.subscriptionId ? { subscriptionId: options.subscriptionId } : {}),
          localCloud: () => startLocalTarget({ onProgress: (line) => progress.note(line) }),
        });
        if (argv['dry-run']) {
          const { plan } = await preparePromote(options, { cloud: connected.cloud, prices });
          if (argv.json) terminal.result(JSON.stringify({ dryRun: true, plan }, null, 2));
          else for (const line of formatPlan(plan)) terminal.info(line);
          return;
        }
        const compare = compareRunner({ cwd: projectDir, color: terminal.interactive, onReport: (text) => progress.note(text.trimEnd()) });
        let result: PromoteResult;
        try {
          result = await runPromote(options, { ...connected, compare, clock: systemClock, progress, prices });
        } catch (error) {
          progress.close();
          const left = await readPromoteSection(projectDir);
          if (left?.target === 'azure' && Object.keys(left.resources).length > 0) {
            terminal.info('What this run created already costs money; promote again to finish, or remove it with `skylift down`.');
          }
          throw error;
        }
        progress.close();
        for (const line of formatResult(result)) terminal.info(line);
        const cost = costLine(result);
        if (cost) terminal.info(cost);
        if (argv.json) terminal.result(JSON.stringify(result, null, 2));
        else if (result.url) terminal.result(result.url);
        context.exitCode = result.verdict === 'promoted' ? 0 : 1;
      } finally {
        process.off('SIGINT', interrupted);
        process.off('SIGTERM', interrupted);
        progress.close();
      }
    },
  };
}

import { buildApp } from './app.ts';
import { parseBehaviour } from './behaviour.ts';

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT=${value} is not a port number: set PORT to an integer from 0 to 65535`);
  }
  return port;
}

let port: number;
let behaviour: ReturnType<typeof parseBehaviour>;
try {
  port = parsePort(process.env.PORT);
  behaviour = parseBehaviour(process.env.SAMPLE_API_BEHAVIOUR);
} catch (error) {
  process.stderr.write(`sample-api: ${(error as Error).message}\n`);
  process.exit(2);
}

const app = buildApp({ behaviour, logger: true });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

try {
  await app.listen({ port, host: process.env.HOST || '0.0.0.0' });
  app.log.info({ behaviour }, 'sample-api ready');
} catch (error) {
  app.log.error({ err: error }, 'could not listen');
  process.exit(1);
}

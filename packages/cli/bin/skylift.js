#!/usr/bin/env node
// Runs the TypeScript sources through tsx (the packages are just-in-time: no build step).
// Node reads NODE_EXTRA_CA_CERTS only at start-up, so when the local cloud's CA exists and the
// variable does not include it, the CLI re-runs itself once with it: the Azure SDK then trusts the
// emulator. A variable already set to another file (a corporate or system bundle) is kept: both
// go into one bundle next to the CA, since the variable names a single file.
// The re-run costs a second node start-up, so it is skipped where no HTTPS to the local cloud can
// happen: help, version, completion, and a share of a plain-HTTP app (the tunnel gives the SDK the
// CA itself; the capture proxy then talks HTTP).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

// Mirrors localCloudDir() and ensureLocalCa()'s default folder (packages/local-cloud): this file
// runs before tsx is registered, and loading it just to decide on the re-run would cost the time saved.
const caPath = join(process.env.SKYLIFT_HOME ?? join(homedir(), '.skylift'), 'local-cloud', 'ca', 'ca.pem');
const bundlePath = join(dirname(caPath), 'extra-ca-bundle.pem');

function extraCaFile(current) {
  if (!current) return caPath;
  try {
    const temp = `${bundlePath}.${process.pid}.tmp`;
    writeFileSync(temp, `${readFileSync(current, 'utf8').trimEnd()}\n${readFileSync(caPath, 'utf8')}`);
    renameSync(temp, bundlePath);
    return bundlePath;
  } catch {
    return caPath;
  }
}

function needsLocalCa(args) {
  if (args.some((arg) => arg === '--help' || arg === '-h' || arg === '--version')) return false;
  const command = args.find((arg) => !arg.startsWith('-'));
  if (command === undefined || command === 'completion') return false;
  return command !== 'share' || args.some((arg) => /https:/i.test(arg));
}

const current = process.env.NODE_EXTRA_CA_CERTS;
if (current !== caPath && current !== bundlePath && needsLocalCa(process.argv.slice(2)) && existsSync(caPath)) {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: extraCaFile(current) },
  });
  // The terminal sends Ctrl-C to the whole process group: the child handles it, we wait for it.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    // End the same way the child did; the forwarding listener must go first or the signal is ignored.
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    else process.exit(code ?? 1);
  });
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}

// `npm run demo`: the full rehearsal on the local cloud, nothing by hand — local cloud up → the sample
// API → `skylift share` through the local ngrok edge → `skylift promote --target local` → `skylift
// compare` tunnel vs cloud side by side → the HTML report's path → `skylift down`. `npm run demo --
// --keep` leaves the share and the cloud copy running. Prints the cloud URL on stdout.
import { createTerminal, isSkyliftError, messageOf } from '@skylift/core';
import { rehearse } from './demo-rehearsal.ts';

const terminal = createTerminal();

try {
  terminal.result(await rehearse(terminal, { keep: process.argv.includes('--keep') }));
} catch (error) {
  terminal.stderr.write(`skylift demo: ${messageOf(error)}${isSkyliftError(error) ? ` [${error.code}]` : ''}\n`);
  process.exitCode = 1;
}

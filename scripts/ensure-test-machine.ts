// What the test suite needs on this machine, started or installed only when missing (seconds when
// everything is there): Docker Engine, registry, emulators, the local Node base image, Chromium.
import { createTerminal, isSkyliftError, messageOf } from '@skylift/core';
import { ensureChromium, ensureLocalCloud } from '@skylift/local-cloud';

const terminal = createTerminal();
const started = performance.now();
try {
  const onProgress = (line: string) => terminal.info(`local cloud: ${line}`);
  const cloud = await ensureLocalCloud({ onProgress });
  const chromium = await ensureChromium({ onProgress });
  const services = Object.values(cloud.services).map((service) => service.name);
  terminal.info(
    `local cloud ready in ${((performance.now() - started) / 1000).toFixed(1)} s: engine${cloud.dockerStartedByUs ? ' (started by skylift)' : ''}, ${services.join(', ')}, ${cloud.nodeBaseImage}, ${chromium}`,
  );
} catch (error) {
  terminal.stderr.write(`skylift: ${messageOf(error)}${isSkyliftError(error) ? ` [${error.code}]` : ''}\n`);
  process.exitCode = 1;
}

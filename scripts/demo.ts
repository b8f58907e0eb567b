// `npm run demo`: the local cloud, the sample API built into an image on the local Node base image,
// and that image running in a container on a loopback port. Prints the URL on stdout.
// (The promote pipeline will replace the build-and-run part with the full rehearsal.)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTerminal, isSkyliftError, messageOf } from '@skylift/core';
import { ensureLocalCloud } from '@skylift/local-cloud';
import { buildDirectory, waitForHttp } from '@skylift/local-cloud/testing';

const root = fileURLToPath(new URL('..', import.meta.url));
const IMAGE = 'skylift-demo/sample-api:latest';
const CONTAINER = 'skylift-demo-sample-api';
const terminal = createTerminal();

async function demo(): Promise<string> {
  const { docker, nodeBaseImage } = await ensureLocalCloud({ onProgress: (line) => terminal.info(`local cloud: ${line}`) });
  terminal.info('bundling apps/sample-api');
  execFileSync('npm', ['run', '--silent', 'build', '-w', '@skylift/sample-api'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  terminal.info(`building ${IMAGE} on ${nodeBaseImage}`);
  await buildDirectory(docker, { directory: `${root}apps/sample-api`, tag: IMAGE, buildArgs: { BASE_IMAGE: nodeBaseImage }, labels: { 'skylift.demo': '1' } });
  // One demo at a time: a re-run replaces the previous container.
  await docker.getContainer(CONTAINER).remove({ force: true }).catch(() => undefined);
  const container = await docker.createContainer({
    name: CONTAINER,
    Image: IMAGE,
    Labels: { 'skylift.demo': '1' },
    ExposedPorts: { '3000/tcp': {} },
    HostConfig: { PortBindings: { '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] }, RestartPolicy: { Name: 'unless-stopped' } },
  });
  await container.start();
  const port = (await container.inspect()).NetworkSettings.Ports['3000/tcp']?.[0]?.HostPort;
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`);
  terminal.info(`sample API running in container ${CONTAINER}; stop it with: docker rm -f ${CONTAINER}`);
  return url;
}

try {
  terminal.result(await demo());
} catch (error) {
  terminal.stderr.write(`skylift demo: ${messageOf(error)}${isSkyliftError(error) ? ` [${error.code}]` : ''}\n`);
  process.exitCode = 1;
}

import { expect, test } from 'vitest';
import { ensureDockerEngine } from './docker-engine.ts';
import { NodeBaseImageFailed } from './errors.ts';
import { ensureNodeBaseImage, nodeBaseImageTag, parentDirectories, parseLdd } from './node-base-image.ts';
import { runOnLoopback, waitForHttp } from './testing/containers.ts';

const LDD_X64 = `	linux-vdso.so.1 (0x00007ffd2b5f2000)
	libdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x00007f41f0f06000)
	libstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f41f0c00000)
	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f41f09fe000)
	/lib64/ld-linux-x86-64.so.2 (0x00007f41f0f1f000)
`;

test('ldd output gives every library and the loader, at the paths the binary asks for', () => {
  expect(parseLdd(LDD_X64)).toEqual([
    '/lib/x86_64-linux-gnu/libdl.so.2',
    '/lib/x86_64-linux-gnu/libstdc++.so.6',
    '/lib/x86_64-linux-gnu/libc.so.6',
    '/lib64/ld-linux-x86-64.so.2',
  ]);
  expect(parseLdd('\tlinux-vdso.so.1 (0x1)\n\t/lib/ld-linux-aarch64.so.1 (0x2)\n')).toEqual(['/lib/ld-linux-aarch64.so.1']);
  expect(parseLdd('\tstatically linked\n')).toEqual([]);
});

test('a library ldd cannot find stops the image with a clear error', () => {
  expect(() => parseLdd('\tlibicu.so.72 => not found\n')).toThrow(NodeBaseImageFailed('ldd: libicu.so.72 => not found').message);
});

test('parent directories come parents first, once each', () => {
  expect(parentDirectories(['/usr/local/bin/node', '/lib64/ld.so', '/usr/lib/libc.so'])).toEqual(['/lib64', '/usr', '/usr/lib', '/usr/local', '/usr/local/bin']);
});

test('the base image runs node and serves HTTP on a published loopback port', async () => {
  const { docker } = await ensureDockerEngine();
  const { image } = await ensureNodeBaseImage(docker);
  expect(image).toBe(nodeBaseImageTag(process.versions.node));
  const started = performance.now();
  expect(await ensureNodeBaseImage(docker)).toEqual({ image, created: false });
  expect(performance.now() - started).toBeLessThan(2_000);
  const server = "require('http').createServer((_q, s) => s.end('node ' + process.version + ' as ' + process.getuid())).listen(8080)";
  const running = await runOnLoopback(docker, { image, containerPort: 8080, cmd: ['node', '-e', server] });
  try {
    expect((await waitForHttp(running.url)).body).toBe(`node ${process.version} as 0`);
  } finally {
    await running.remove();
  }
}, 60_000);

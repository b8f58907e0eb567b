import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BuildTracker, type BuildProgress } from './build-progress.ts';
import { readEngineMessages, type EngineMessage } from './engine-messages.ts';
import { BaseImageUnavailable, BuildStepFailed, PushDenied, PushUnauthorized, RegistryUnreachable } from './errors.ts';
import { PushTracker, type PushProgress } from './push-progress.ts';

// Recorded from Docker 20.10.24 (API 1.41, legacy builder) on this project's machines.
const buildLines = [
  { stream: 'Step 1/4 : ARG BASE_IMAGE' },
  { stream: '\n' },
  { stream: 'Step 2/4 : FROM ${BASE_IMAGE}' },
  { stream: '\n' },
  { stream: ' ---\u003e 078dba345470\n' },
  { stream: 'Step 3/4 : COPY dist/server.mjs dist/server.mjs' },
  { stream: '\n' },
  { stream: ' ---\u003e Using cache\n' },
  { stream: ' ---\u003e 3f7fbf80d0da\n' },
  { stream: 'Step 4/4 : RUN ["node", "--check", "dist/server.mjs"]' },
  { stream: '\n' },
  { stream: ' ---\u003e Running in 1e23b6bb0eda\n' },
  { stream: 'dist/server.mjs:1\nconst = 1;\n      ^\n' },
  { stream: 'SyntaxError: Unexpected token \'=\'\n' },
];

function buildStream(lines: readonly EngineMessage[]): Readable {
  // Split mid-line on purpose: the engine's chunks do not follow its lines.
  const text = lines.map((line) => `${JSON.stringify(line)}\r\n`).join('');
  return Readable.from([text.slice(0, 37), text.slice(37, 300), text.slice(300)]);
}

async function track(lines: readonly EngineMessage[]): Promise<{ events: BuildProgress[]; tracker: BuildTracker }> {
  const events: BuildProgress[] = [];
  const tracker = new BuildTracker((event) => events.push(event));
  for await (const message of readEngineMessages(buildStream(lines))) tracker.accept(message);
  return { events, tracker };
}

describe('BuildTracker', () => {
  it('reports steps, cache hits and step output, and the image id from aux', async () => {
    const aux = { aux: { ID: 'sha256:' + 'a'.repeat(64) } };
    const { events, tracker } = await track([...buildLines, { stream: ' ---\u003e 68aa3db0aff3\n' }, aux, { stream: 'Successfully built 68aa3db0aff3\n' }]);
    expect(events.filter((e) => e.type === 'step').map((e) => e.type === 'step' && `${e.step}/${e.total}`)).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(events.filter((e) => e.type === 'cache-hit')).toEqual([{ type: 'cache-hit', step: 3, total: 4 }]);
    expect(events.filter((e) => e.type === 'output').map((e) => e.type === 'output' && e.line)).toEqual([
      'dist/server.mjs:1',
      'const = 1;',
      '      ^',
      "SyntaxError: Unexpected token '='",
    ]);
    expect(tracker.summary()).toEqual({ imageId: 'sha256:' + 'a'.repeat(64), steps: 4, cachedSteps: 1 });
  });

  it('turns an errorDetail line into an error naming the failing step with its output', async () => {
    const failure = {
      errorDetail: { code: 1, message: "The command 'node --check dist/server.mjs' returned a non-zero code: 1" },
      error: "The command 'node --check dist/server.mjs' returned a non-zero code: 1",
    };
    const error = await track([...buildLines, failure]).catch((e: unknown) => e);
    expect(BuildStepFailed.is(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('Step 4/4 (RUN ["node", "--check", "dist/server.mjs"])');
    expect(message).toContain('returned a non-zero code: 1');
    expect(message).toContain("SyntaxError: Unexpected token '='");
    expect(message).not.toContain('Running in');
  });

  it('says the base image is missing when the FROM step fails', async () => {
    const message = 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host';
    const error = await track([buildLines[0]!, buildLines[1]!, buildLines[2]!, buildLines[3]!, { errorDetail: { message }, error: message }]).catch(
      (e: unknown) => e,
    );
    expect(BaseImageUnavailable.is(error)).toBe(true);
    expect((error as Error).message).toContain('Step 2/4 (FROM ${BASE_IMAGE})');
    expect((error as Error).message).toContain('BASE_IMAGE build arg');
  });
});

const target = { registry: '127.0.0.1:5000', repository: 'api', reference: '127.0.0.1:5000/api:1' };
const digest = 'sha256:' + '7'.repeat(64);

function push(lines: readonly EngineMessage[]): { events: PushProgress[]; tracker: PushTracker } {
  const events: PushProgress[] = [];
  const tracker = new PushTracker(target, (event) => events.push(event));
  for (const line of lines) tracker.accept(line);
  return { events, tracker };
}

describe('PushTracker', () => {
  it('sums the layers it sent, not those the registry already had, and reads the digest', () => {
    const { events, tracker } = push([
      { status: 'The push refers to repository [127.0.0.1:5000/api]' },
      { status: 'Preparing', progressDetail: {}, id: 'aaaaaaaaaaaa' },
      { status: 'Preparing', progressDetail: {}, id: 'bbbbbbbbbbbb' },
      { status: 'Preparing', progressDetail: {}, id: 'cccccccccccc' },
      { status: 'Layer already exists', progressDetail: {}, id: 'aaaaaaaaaaaa' },
      { status: 'Mounted from other', progressDetail: {}, id: 'cccccccccccc' },
      { status: 'Pushing', progressDetail: { current: 512, total: 2000 }, id: 'bbbbbbbbbbbb' },
      { status: 'Pushing', progressDetail: { current: 2048, total: 2000 }, id: 'bbbbbbbbbbbb' },
      { status: 'Pushed', progressDetail: {}, id: 'bbbbbbbbbbbb' },
      { status: 'Preparing', progressDetail: {}, id: 'dddddddddddd' },
      { status: 'Pushing', progressDetail: { current: 1536 }, id: 'dddddddddddd' },
      { status: 'Pushed', progressDetail: {}, id: 'dddddddddddd' },
      { status: `1: digest: ${digest} size: 528` },
      { progressDetail: {}, aux: { Tag: '1', Digest: digest, Size: 528 } },
    ]);
    expect(tracker.summary()).toEqual({
      digest,
      manifestSize: 528,
      bytesPushed: 3536,
      layers: [
        { id: 'aaaaaaaaaaaa', outcome: 'exists', bytes: 0 },
        { id: 'cccccccccccc', outcome: 'mounted', bytes: 0 },
        { id: 'bbbbbbbbbbbb', outcome: 'pushed', bytes: 2000 },
        { id: 'dddddddddddd', outcome: 'pushed', bytes: 1536 },
      ],
    });
    expect(events.filter((e) => e.type === 'layer' && e.status === 'Pushing')).toHaveLength(3);
  });

  it('reads the digest from the status line when there is no aux line', () => {
    expect(push([{ status: `latest: digest: ${digest} size: 1` }]).tracker.summary().digest).toBe(digest);
  });

  it.each([
    ['unauthorized: authentication required', PushUnauthorized],
    ['denied: requested access to the resource is denied', PushDenied],
    ['Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', RegistryUnreachable],
  ])('types the in-stream error %s', (message, factory) => {
    const error = (() => {
      try {
        push([{ errorDetail: { message }, error: message }]);
      } catch (e) {
        return e;
      }
    })();
    expect(factory.is(error)).toBe(true);
    expect((error as Error).message).toContain('127.0.0.1:5000');
  });
});

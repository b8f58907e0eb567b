import { defineError } from '@skylift/core';

export const DockerUnreachable = defineError(
  'SKYLIFT_DOCKER_UNREACHABLE',
  (endpoint: string, reason: string) =>
    `Docker Engine is not reachable at ${endpoint} (${reason}); start Docker Desktop, or run \`dockerd\`, or set DOCKER_HOST to a running engine`,
);

export const DockerPermissionDenied = defineError(
  'SKYLIFT_DOCKER_PERMISSION_DENIED',
  (endpoint: string) =>
    `permission denied on ${endpoint}; add your user to the \`docker\` group (then log in again) or set DOCKER_HOST to an engine you may use`,
);

export const ContextDirMissing = defineError(
  'SKYLIFT_CONTEXT_DIR_MISSING',
  (dir: string) => `build context ${dir} is not a directory; pass the app's directory`,
  2,
);

export const DockerfileMissing = defineError(
  'SKYLIFT_DOCKERFILE_MISSING',
  (dockerfile: string, dir: string) =>
    `no ${dockerfile} in ${dir} (or it is outside the context); add one or pass the path of the Dockerfile inside the context`,
  2,
);

export const ContextHasSecrets = defineError(
  'SKYLIFT_CONTEXT_HAS_SECRETS',
  (dir: string, findings: readonly { path: string; reason: string }[]) =>
    `refusing to send secrets to the Docker Engine: ${findings.map((f) => `${f.path} (${f.reason})`).join(', ')}; ` +
    `add ${findings.length === 1 ? 'it' : 'them'} to ${dir}/.dockerignore, or allow a file on purpose with --allow-file <path>`,
);

export const BuildStepFailed = defineError(
  'SKYLIFT_BUILD_STEP_FAILED',
  (step: string, message: string, output: readonly string[]) =>
    `image build failed at ${step}: ${message}; fix that Dockerfile step and build again` +
    (output.length > 0 ? `\n--- output of the step ---\n${output.join('\n')}` : ''),
);

export const BaseImageUnavailable = defineError(
  'SKYLIFT_BASE_IMAGE_UNAVAILABLE',
  (step: string, message: string) =>
    `image build failed at ${step}: ${message}; the base image is not in the Docker Engine and could not be pulled: ` +
    `pull or build it first, or name one the engine has (e.g. the BASE_IMAGE build arg)`,
);

export const BuildRejected = defineError(
  'SKYLIFT_BUILD_REJECTED',
  (message: string) => `the Docker Engine rejected the build: ${message}; fix the Dockerfile or the build options`,
);

export const ImageNotFound = defineError(
  'SKYLIFT_IMAGE_NOT_FOUND',
  (image: string) => `image ${image} does not exist in the Docker Engine; build it first`,
);

export const ImageHasNoPort = defineError(
  'SKYLIFT_IMAGE_HAS_NO_PORT',
  (image: string) => `image ${image} exposes no port; add EXPOSE <port> to the Dockerfile or pass the container port`,
  2,
);

export const ContainerExited = defineError(
  'SKYLIFT_CONTAINER_EXITED',
  (image: string, exitCode: number, logs: readonly string[]) =>
    `the container from ${image} exited with code ${exitCode} before it answered; fix the app's start-up (see its logs)` +
    logsBlock(logs),
);

export const ContainerUnhealthy = defineError(
  'SKYLIFT_CONTAINER_UNHEALTHY',
  (image: string, url: string, seconds: number, lastResult: string, logs: readonly string[]) =>
    `the container from ${image} did not answer ${url} with 2xx within ${seconds}s (last: ${lastResult}); ` +
    `fix the app or raise the timeout` +
    logsBlock(logs),
);

export const PushUnauthorized = defineError(
  'SKYLIFT_PUSH_UNAUTHORIZED',
  (registry: string, message: string) =>
    `registry ${registry} did not accept the credentials (${message}); get a fresh token or check the username/password`,
);

export const PushDenied = defineError(
  'SKYLIFT_PUSH_DENIED',
  (repository: string, message: string) =>
    `push to ${repository} was denied (${message}); the identity needs push rights on that repository (AcrPush)`,
);

export const RegistryUnreachable = defineError(
  'SKYLIFT_REGISTRY_UNREACHABLE',
  (registry: string, message: string) =>
    `registry ${registry} is unknown or unreachable from the Docker Engine (${message}); check the registry address and that it is running`,
);

export const PushFailed = defineError(
  'SKYLIFT_PUSH_FAILED',
  (reference: string, message: string) => `push of ${reference} failed: ${message}; retry, or check the registry's logs`,
);

function logsBlock(logs: readonly string[]): string {
  return logs.length > 0 ? `\n--- last ${logs.length} log lines ---\n${logs.join('\n')}` : '\n(the container wrote no logs)';
}

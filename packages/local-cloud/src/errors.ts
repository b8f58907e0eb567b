import { defineError } from '@skylift/core';

export const DockerUnreachable = defineError(
  'SKYLIFT_DOCKER_UNREACHABLE',
  (where: string, reason: string) =>
    `no Docker Engine answers at ${where} (${reason}); start Docker Desktop, or run \`sudo dockerd\`, or set DOCKER_HOST to an engine that runs`,
);

export const DockerStartFailed = defineError(
  'SKYLIFT_DOCKER_START_FAILED',
  (reason: string, logPath: string) => `dockerd did not come up (${reason}); see ${logPath}, fix what it says, then run \`skylift local up\` again`,
);

export const PackagesUnavailable = defineError(
  'SKYLIFT_PACKAGES_UNAVAILABLE',
  (names: string, reason: string) => `${names} missing and skylift cannot install it here (${reason}); install it with your package manager`,
);

export const PackageInstallFailed = defineError(
  'SKYLIFT_PACKAGE_INSTALL_FAILED',
  (command: string, detail: string) => `\`${command}\` failed (${detail}); run it yourself to see why`,
);

export const ServiceStartFailed = defineError(
  'SKYLIFT_LOCAL_SERVICE_START_FAILED',
  (name: string, reason: string, logPath: string) =>
    `local cloud service ${name} did not start (${reason}); see ${logPath}, then run \`skylift local up\` again`,
);

export const UnknownService = defineError(
  'SKYLIFT_LOCAL_SERVICE_UNKNOWN',
  (name: string, known: string) => `no local cloud service named ${name}; known: ${known}`,
);

export const LockTimeout = defineError(
  'SKYLIFT_LOCAL_CLOUD_BUSY',
  (path: string, holder: string) =>
    `another skylift process (${holder}) holds ${path}; wait for it to finish, or delete the file if that process is gone`,
);

export const NodeBaseImageFailed = defineError(
  'SKYLIFT_NODE_BASE_IMAGE_FAILED',
  (reason: string) => `could not make the local Node base image (${reason}); check that \`node\` and \`ldd\` are on PATH`,
);

export const LocalCloudStateUnreadable = defineError(
  'SKYLIFT_LOCAL_CLOUD_STATE_UNREADABLE',
  (path: string, reason: string) => `${path} is not valid local cloud state (${reason}); stop what it lists by hand and delete it`,
);

/**
 * The world promote talks to, as interfaces. The CLI wires the real packages (container, azure,
 * compare); unit tests hand in in-memory fakes. Nothing here knows whether the cloud is Azure or
 * the local cloud.
 */

import type { ImageRef, WebAppSpec } from '@skylift/azure';

/** Sub-progress of a long step (build steps, pushed bytes, LRO polls): one short line. */
export type OnProgress = (text: string) => void;

/** Docker auth for a push. Secret: lives in memory only, never in the ledger or any output. */
export interface RegistryAuth {
  readonly username: string;
  readonly password: string;
  readonly serveraddress: string;
}

export interface BuiltImage {
  /** Local image id (`sha256:...`): equal ids mean nothing changed since the last build. */
  readonly imageId: string;
  /** Local name:tag the engine knows the image by. */
  readonly localRef: string;
  /** Content-derived tag (git sha or source hash) used in the registry. */
  readonly tag: string;
  /** Port the app listens on inside the container (EXPOSE). */
  readonly port: number;
}

export interface PushedImage {
  readonly digest: string;
  readonly bytesPushed: number;
  readonly layersPushed: number;
  readonly layersSkipped: number;
}

export interface RunningContainer {
  readonly url: string;
  stop(): Promise<void>;
}

export interface ContainerPort {
  build(input: { contextDir: string; dockerfile?: string; project: string }, onProgress: OnProgress): Promise<BuiltImage>;
  /** Runs the image, waits for the health path, removes the container. */
  check(input: { image: BuiltImage; healthPath: string }, onProgress: OnProgress): Promise<{ healthyAfterMs: number }>;
  /** Runs the image and leaves it running: the compare baseline when nothing else is. */
  run(input: { image: BuiltImage; healthPath: string }): Promise<RunningContainer>;
  push(
    input: { image: BuiltImage; repository: string; registry: string; auth: RegistryAuth },
    onProgress: OnProgress,
  ): Promise<PushedImage>;
}

export interface CloudIdentity {
  readonly cloud: string;
  readonly subscriptionId: string;
}

export interface ResourceGroupState {
  readonly id: string;
  readonly tags: Record<string, string>;
}

/** An image in a registry by tag; tags are content-derived, so one tag names one build. */
export type { ImageRef };

/** Everything a site is made of (the azure package's spec); `setImage` takes the same spec with another image. */
export type SiteSpec = WebAppSpec;

export interface DeleteSpec {
  readonly resourceGroup: string;
  readonly project: string;
  readonly kind: 'acrPull' | 'site' | 'plan' | 'registry' | 'resourceGroup';
  readonly name: string;
  /** Resource id as recorded (the role assignment is deleted by id). */
  readonly id?: string;
}

export interface CloudPort {
  identity(): Promise<CloudIdentity>;
  /** Undefined when the group does not exist. Read-only: `--dry-run` may call it. */
  getResourceGroup(name: string): Promise<ResourceGroupState | undefined>;
  /** Creates the group tagged for `project`; refuses a group that is not skylift's. */
  ensureResourceGroup(input: { name: string; location: string; project: string }, onProgress: OnProgress): Promise<{ id: string }>;
  ensureRegistry(
    input: { resourceGroup: string; name: string; location: string; project: string },
    onProgress: OnProgress,
  ): Promise<{ id: string; loginServer: string }>;
  ensurePlan(
    input: { resourceGroup: string; name: string; location: string; project: string; sku: string },
    onProgress: OnProgress,
  ): Promise<{ id: string }>;
  ensureSite(spec: SiteSpec, onProgress: OnProgress): Promise<{ id: string; defaultHostName: string; principalId: string }>;
  ensureAcrPull(input: { registryId: string; principalId: string }, onProgress: OnProgress): Promise<{ id: string }>;
  /** Short-lived push credentials for the registry. */
  registryAuth(input: { loginServer: string }): Promise<RegistryAuth>;
  /** Points the site at `spec.image` and restarts it. */
  setImage(spec: SiteSpec, onProgress: OnProgress): Promise<void>;
  /**
   * Resolves with the site's base URL (`https://<defaultHostName>`) once its health path answers
   * 2xx; throws (with the container logs) on timeout.
   */
  waitUntilLive(
    input: { resourceGroup: string; site: string; healthPath: string; timeoutMs: number },
    onProgress: OnProgress,
  ): Promise<{ url: string; afterMs: number }>;
  /** "Already gone" counts as done, so `down` can be re-run; refuses a group without skylift's tags. */
  deleteResource(spec: DeleteSpec, onProgress: OnProgress): Promise<void>;
}

export interface CompareSummary {
  readonly same: boolean;
  /** Real differences after noise filtering. */
  readonly differences: number;
  readonly requests: number;
  readonly unreachable: readonly string[];
  /** A few human lines: which endpoint/field differs, with each side's value. */
  readonly lines: readonly string[];
  readonly htmlReport?: string;
}

export interface ComparePort {
  compare(
    input: { baseline: string; candidate: string; suitePath?: string; capturePath?: string; htmlReport?: string },
    onProgress: OnProgress,
  ): Promise<CompareSummary>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

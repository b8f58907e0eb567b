import { createHash } from 'node:crypto';
import type {
  BuiltImage,
  Clock,
  CloudPort,
  ComparePort,
  CompareSummary,
  ContainerPort,
  DeleteSpec,
  ResourceGroupState,
  SiteSpec,
} from '../ports.ts';
import type { ProgressSink } from '../progress.ts';

/** In-memory stand-ins for the ports, for unit tests of the pure pipeline logic only. */

export class FakeClock implements Clock {
  #ms = Date.parse('2026-01-01T00:00:00Z');
  now(): Date {
    this.#ms += 1000;
    return new Date(this.#ms);
  }
}

/** Source "files" of the fake project: changing one changes the image id and tag. */
export class FakeContainer implements ContainerPort {
  source = 'v1';
  /** Image tags whose app answers differently from the baseline. */
  readonly badTags = new Set<string>();
  readonly calls: string[] = [];
  readonly registry = new Map<string, string>();
  running = 0;

  async build(): Promise<BuiltImage> {
    this.calls.push('build');
    const hash = createHash('sha256').update(this.source).digest('hex');
    return { imageId: `sha256:${hash}`, localRef: `app:${hash.slice(0, 8)}`, tag: `local-${hash.slice(0, 12)}`, port: 3000 };
  }
  async check() {
    this.calls.push('check');
    return { healthyAfterMs: 5 };
  }
  async run() {
    this.calls.push('run');
    this.running++;
    return { url: 'http://127.0.0.1:4999', stop: async () => void this.running-- };
  }
  async push(input: { image: BuiltImage; repository: string; registry: string }) {
    this.calls.push('push');
    const ref = `${input.registry}/${input.repository}:${input.image.tag}`;
    const digest = `sha256:${createHash('sha256').update(ref).digest('hex')}`;
    const known = this.registry.has(ref);
    this.registry.set(ref, digest);
    return { digest, bytesPushed: known ? 0 : 1000, layersPushed: known ? 0 : 1, layersSkipped: 3 };
  }
}

export interface FakeResource {
  readonly kind: string;
  readonly id: string;
  tags: Record<string, string>;
  image?: string;
}

/** A cloud whose ensure* are idempotent like Azure's: a second call finds the resource, never duplicates it. */
export class FakeCloud implements CloudPort {
  readonly resources = new Map<string, FakeResource>();
  readonly creates: string[] = [];
  readonly calls: string[] = [];
  /** Throws (as a crash would interrupt) right before the call with this name. */
  crashBefore: string | undefined;
  /** Throws right after creating a resource of this kind, before the caller can record it. */
  crashAfter: string | undefined;
  readonly sub = '11111111-2222-3333-4444-555555555555';

  private step(name: string): void {
    this.calls.push(name);
    if (this.crashBefore === name) {
      this.crashBefore = undefined;
      throw new Error(`simulated crash before ${name}`);
    }
  }
  private ensure(kind: string, key: string, tags: Record<string, string> = {}): FakeResource {
    const existing = this.resources.get(key);
    if (existing) return existing;
    const created = { kind, id: `/subscriptions/${this.sub}/${kind}/${key}`, tags };
    this.resources.set(key, created);
    this.creates.push(key);
    if (this.crashAfter === kind) {
      this.crashAfter = undefined;
      throw new Error(`simulated crash after creating ${key}`);
    }
    return created;
  }
  siteImage(name: string): string | undefined {
    return this.resources.get(`site/${name}`)?.image;
  }

  async identity() {
    return { cloud: 'AzureCloud', subscriptionId: this.sub };
  }
  async getResourceGroup(name: string): Promise<ResourceGroupState | undefined> {
    const group = this.resources.get(`rg/${name}`);
    return group && { id: group.id, tags: group.tags };
  }
  async ensureResourceGroup(input: { name: string; project: string }) {
    this.step('ensureResourceGroup');
    return this.ensure('rg', `rg/${input.name}`, { 'managed-by': 'skylift', 'skylift-project': input.project });
  }
  async ensureRegistry(input: { name: string }) {
    this.step('ensureRegistry');
    return { ...this.ensure('registry', `registry/${input.name}`), loginServer: `${input.name}.azurecr.io` };
  }
  async ensurePlan(input: { name: string }) {
    this.step('ensurePlan');
    return this.ensure('plan', `plan/${input.name}`);
  }
  async ensureSite(spec: SiteSpec) {
    this.step('ensureSite');
    const site = this.ensure('site', `site/${spec.name}`);
    site.image ??= `${spec.image.loginServer}/${spec.image.repository}:${spec.image.tag}`;
    return { id: site.id, defaultHostName: `${spec.name}.azurewebsites.net`, principalId: `principal-${spec.name}` };
  }
  async ensureAcrPull(input: { registryId: string; principalId: string }) {
    this.step('ensureAcrPull');
    return this.ensure('acrPull', `acrPull/${input.principalId}`);
  }
  async registryAuth(input: { loginServer: string }) {
    this.step('registryAuth');
    return { username: '00000000-0000-0000-0000-000000000000', password: 'secret-refresh-token', serveraddress: input.loginServer };
  }
  async setImage(spec: SiteSpec) {
    this.step('setImage');
    const site = this.resources.get(`site/${spec.name}`);
    if (!site) throw new Error('no such site');
    site.image = `${spec.image.loginServer}/${spec.image.repository}:${spec.image.tag}`;
  }
  async waitUntilLive(input: { site: string }) {
    this.step('waitUntilLive');
    return { url: `https://${input.site}.azurewebsites.net`, afterMs: 10 };
  }
  async deleteResource(spec: DeleteSpec) {
    this.step(`delete-${spec.kind}`);
    const prefix = { resourceGroup: 'rg', site: 'site', plan: 'plan', registry: 'registry', acrPull: 'acrPull' }[spec.kind];
    for (const [key, value] of this.resources) {
      if (spec.kind === 'acrPull' ? value.id === spec.id : key === `${prefix}/${spec.name}`) this.resources.delete(key);
    }
  }
}

/** Differs when the site runs an image whose tag the container fake marked bad. */
export class FakeCompare implements ComparePort {
  readonly calls: { baseline: string; candidate: string; suitePath?: string; capturePath?: string }[] = [];
  constructor(
    private readonly cloud: FakeCloud,
    private readonly container: FakeContainer,
  ) {}
  async compare(input: { baseline: string; candidate: string; suitePath?: string; capturePath?: string }): Promise<CompareSummary> {
    this.calls.push(input);
    const site = new URL(input.candidate).hostname.split('.')[0] as string;
    const image = this.cloud.siteImage(site) ?? '';
    const bad = [...this.container.badTags].some((tag) => image.endsWith(`:${tag}`));
    return {
      same: !bad,
      differences: bad ? 2 : 0,
      requests: 10,
      unreachable: [],
      lines: bad ? ['GET /api/items/2 body.price: 20 ≠ 25'] : [],
    };
  }
}

export function recordingProgress(): ProgressSink & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    start: (stage) => events.push(`start ${stage}`),
    update: () => {},
    done: (stage) => events.push(`done ${stage}`),
    skip: (stage) => events.push(`skip ${stage}`),
    fail: (stage) => events.push(`fail ${stage}`),
    note: (line) => events.push(`note ${line}`),
    close: () => {},
  };
}

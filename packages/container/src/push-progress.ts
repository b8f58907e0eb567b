import { messageError, type EngineMessage } from './engine-messages.ts';
import { ImageNotFound, PushDenied, PushFailed, PushUnauthorized, RegistryUnreachable } from './errors.ts';

export type LayerOutcome = 'pushed' | 'exists' | 'mounted';

export type PushProgress =
  | { type: 'layer'; id: string; status: string; current?: number; total?: number }
  | { type: 'layer-done'; id: string; outcome: LayerOutcome; bytes: number };

export interface PushedLayer {
  /** The engine's short layer id (first 12 hex digits of the layer's diff id). */
  readonly id: string;
  readonly outcome: LayerOutcome;
  /** Uncompressed bytes the engine streamed for this layer; 0 when the registry had it. */
  readonly bytes: number;
}

export interface PushSummary {
  digest: string;
  /** Size of the manifest in bytes, as the registry reported it. */
  manifestSize: number | undefined;
  layers: PushedLayer[];
  /** Sum over layers actually sent (not "Layer already exists" or "Mounted from"). */
  bytesPushed: number;
}

const DIGEST_LINE = /digest: (sha256:[0-9a-f]{64}) size: (\d+)/;

/** Where a push goes, for naming it in errors. */
export interface PushTarget {
  readonly registry: string;
  readonly repository: string;
  readonly reference: string;
}

/**
 * Reads the engine's push stream: per-layer Preparing/Waiting/Pushing/Pushed (or "Layer already
 * exists" / "Mounted from …"), then `<tag>: digest: … size: …` and an `aux` line with the digest.
 * Failures arrive in-band as `errorDetail` and become typed errors.
 */
export class PushTracker {
  /** Layer size from `total`; tiny layers report only `current`, so the largest one seen stands in. */
  private readonly sizes = new Map<string, number>();
  private readonly done = new Map<string, PushedLayer>();
  private digest: string | undefined;
  private manifestSize: number | undefined;

  constructor(
    private readonly target: PushTarget,
    private readonly onProgress: (event: PushProgress) => void = () => {},
  ) {}

  accept(message: EngineMessage): void {
    const error = messageError(message);
    if (error !== undefined) throw classifyPushError(error.trim(), this.target);
    const digest = message.aux?.Digest;
    if (typeof digest === 'string') {
      this.digest = digest;
      if (typeof message.aux?.Size === 'number') this.manifestSize = message.aux.Size;
    }
    const status = message.status;
    if (status === undefined) return;
    const digestLine = DIGEST_LINE.exec(status);
    if (digestLine) {
      this.digest ??= digestLine[1];
      this.manifestSize ??= Number(digestLine[2]);
      return;
    }
    const id = message.id;
    if (id === undefined) return;
    const outcome = layerOutcome(status);
    if (outcome !== undefined) {
      const layer = { id, outcome, bytes: outcome === 'pushed' ? (this.sizes.get(id) ?? 0) : 0 };
      this.done.set(id, layer);
      this.onProgress({ type: 'layer-done', ...layer });
      return;
    }
    const { current, total } = message.progressDetail ?? {};
    const size = total ?? current;
    if (typeof size === 'number') this.sizes.set(id, total ?? Math.max(size, this.sizes.get(id) ?? 0));
    this.onProgress({ type: 'layer', id, status, current, total });
  }

  summary(): PushSummary {
    if (this.digest === undefined) {
      throw PushFailed(this.target.reference, 'the engine finished without reporting a digest');
    }
    const layers = [...this.done.values()];
    return {
      digest: this.digest,
      manifestSize: this.manifestSize,
      layers,
      bytesPushed: layers.reduce((sum, layer) => sum + layer.bytes, 0),
    };
  }
}

function layerOutcome(status: string): LayerOutcome | undefined {
  if (status === 'Pushed') return 'pushed';
  if (status === 'Layer already exists') return 'exists';
  if (status.startsWith('Mounted from')) return 'mounted';
  return undefined;
}

/** The engine relays the registry's error text; its wording decides which fix we name. */
export function classifyPushError(message: string, target: PushTarget): Error {
  if (/unauthorized|authentication required|no basic auth credentials|incorrect username or password/i.test(message)) {
    return PushUnauthorized(target.registry, message);
  }
  if (/denied/i.test(message)) return PushDenied(`${target.registry}/${target.repository}`, message);
  if (/does not exist locally|no such image/i.test(message)) return ImageNotFound(target.reference);
  if (
    /connection refused|no such host|dial tcp|i\/o timeout|server gave HTTP response|x509|certificate|tls:|unknown registry|no route to host/i.test(
      message,
    )
  ) {
    return RegistryUnreachable(target.registry, message);
  }
  return PushFailed(target.reference, message);
}

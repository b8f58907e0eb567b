import type { Clock, CloudPort, ComparePort, ContainerPort, OnProgress } from './ports.ts';
import type { LedgerHandle, StageName } from './ledger-section.ts';
import { withStage } from './ledger-section.ts';
import type { ProgressSink } from './progress.ts';

/** The clients every stage may use; the pipeline hands the same set to each. */
export interface StageIo {
  readonly container: ContainerPort;
  readonly cloud: CloudPort;
  readonly compare: ComparePort;
  readonly clock: Clock;
  readonly progress: ProgressSink;
  readonly ledger: LedgerHandle;
}

/**
 * One step of the pipeline, azd-style: `run(input, io) → output`. The output is plain, non-secret
 * data: it is recorded in the ledger and handed back unchanged when a re-run finds the same key.
 */
export interface Stage<I, O extends object> {
  readonly name: StageName;
  readonly title: string;
  /** Fingerprint of the inputs; undefined means "always run". */
  key(input: I): string | undefined;
  run(input: I, io: StageIo, onProgress: OnProgress): Promise<O>;
}

export interface StageOutcome<O> {
  readonly output: O;
  readonly skipped: boolean;
  readonly durationMs: number;
}

/** Runs a stage unless the ledger already holds its result for the same inputs; records it when done. */
export async function runStage<I, O extends object>(
  stage: Stage<I, O>,
  input: I,
  io: StageIo,
): Promise<StageOutcome<O>> {
  const key = stage.key(input);
  const recorded = io.ledger.get().stages[stage.name];
  if (key !== undefined && recorded?.key === key) {
    io.progress.skip(stage.name, stage.title);
    return { output: recorded.output as O, skipped: true, durationMs: 0 };
  }
  const started = io.clock.now().getTime();
  io.progress.start(stage.name, stage.title);
  let output: O;
  try {
    output = await stage.run(input, io, (text) => io.progress.update(stage.name, text));
  } catch (error) {
    io.progress.fail(stage.name, io.clock.now().getTime() - started);
    throw error;
  }
  const durationMs = io.clock.now().getTime() - started;
  const now = io.clock.now();
  await io.ledger.update((current) =>
    withStage(current, stage.name, {
      key: key ?? '',
      completedAt: now.toISOString(),
      durationMs,
      output: output as Record<string, unknown>,
    }),
  );
  io.progress.done(stage.name, durationMs);
  return { output, skipped: false, durationMs };
}

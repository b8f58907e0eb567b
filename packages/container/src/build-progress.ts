import { messageError, type EngineMessage } from './engine-messages.ts';
import { BaseImageUnavailable, BuildStepFailed } from './errors.ts';

export type BuildProgress =
  | { type: 'context'; files: number; bytes: number }
  | { type: 'step'; step: number; total: number; instruction: string }
  | { type: 'cache-hit'; step: number; total: number }
  | { type: 'output'; step: number; line: string };

export interface BuildSummary {
  /** `sha256:…` from the engine's `aux` line (or the short id of "Successfully built"). */
  imageId: string | undefined;
  steps: number;
  cachedSteps: number;
}

/** How many lines of a step's output a failure shows. */
const OUTPUT_LINES_KEPT = 50;

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const USING_CACHE = /^ ---> Using cache$/;
const SUCCESSFULLY_BUILT = /^Successfully built ([0-9a-f]+)$/;
// The legacy builder's own bookkeeping between steps, not output of the step.
const BOOKKEEPING = /^( ---> (Running in [0-9a-f]+|[0-9a-f]*)|Removing intermediate container [0-9a-f]+|Successfully tagged .*)$/;

/**
 * Reads the legacy builder's stream (Docker 20.10 `/build`): "Step n/m : INSTR" lines, " ---> Using
 * cache", the step's output, an `aux` line with the image id, and on failure an `errorDetail` line,
 * which becomes an error naming the step with its last output.
 */
export class BuildTracker {
  private pending = '';
  private step = 0;
  private total = 0;
  private instruction = '';
  private output: string[] = [];
  private cached = 0;
  private imageId: string | undefined;

  constructor(private readonly onProgress: (event: BuildProgress) => void = () => {}) {}

  accept(message: EngineMessage): void {
    const error = messageError(message);
    if (error !== undefined) {
      this.flush();
      if (/^FROM\s/i.test(this.instruction)) throw BaseImageUnavailable(this.stepName(), error.trim());
      throw BuildStepFailed(this.stepName(), error.trim(), this.output);
    }
    const id = message.aux?.ID;
    if (typeof id === 'string') this.imageId = id;
    if (message.stream === undefined) return;
    // Step headers and their newline arrive as separate messages: work on whole lines only.
    const lines = (this.pending + message.stream).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.line(line.replace(/\r$/, ''));
  }

  summary(): BuildSummary {
    this.flush();
    return { imageId: this.imageId, steps: this.total, cachedSteps: this.cached };
  }

  private flush(): void {
    if (this.pending !== '') this.line(this.pending);
    this.pending = '';
  }

  private line(line: string): void {
    const step = STEP.exec(line);
    if (step) {
      this.step = Number(step[1]);
      this.total = Number(step[2]);
      this.instruction = step[3]!;
      this.output = [];
      this.onProgress({ type: 'step', step: this.step, total: this.total, instruction: this.instruction });
      return;
    }
    if (USING_CACHE.test(line)) {
      this.cached++;
      this.onProgress({ type: 'cache-hit', step: this.step, total: this.total });
      return;
    }
    const built = SUCCESSFULLY_BUILT.exec(line);
    if (built) {
      this.imageId ??= built[1];
      return;
    }
    if (BOOKKEEPING.test(line) || line.trim() === '') return;
    this.output.push(line);
    if (this.output.length > OUTPUT_LINES_KEPT) this.output.shift();
    this.onProgress({ type: 'output', step: this.step, line });
  }

  private stepName(): string {
    return this.step === 0 ? 'the start of the build' : `Step ${this.step}/${this.total} (${this.instruction})`;
  }
}

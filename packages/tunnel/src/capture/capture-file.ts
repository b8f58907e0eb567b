import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LEDGER_DIR, type CapturedExchange } from '@skylift/core';

export function capturePathFor(projectDir: string, startedAt: Date): string {
  return join(projectDir, LEDGER_DIR, 'captures', `share-${startedAt.toISOString().replace(/[:.]/g, '-')}.jsonl`);
}

/** JSONL, one exchange a line, appended as requests finish; `close()` flushes. */
export class CaptureFile {
  private constructor(
    readonly path: string,
    private readonly stream: WriteStream,
  ) {}

  static async open(path: string): Promise<CaptureFile> {
    await mkdir(dirname(path), { recursive: true });
    const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return new CaptureFile(path, stream);
  }

  write(exchange: CapturedExchange): void {
    this.stream.write(`${JSON.stringify(exchange)}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

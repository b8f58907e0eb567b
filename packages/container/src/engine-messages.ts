import { createInterface } from 'node:readline';

/** One JSON line of a build, push or pull stream from the Docker Engine (API 1.41). */
export interface EngineMessage {
  stream?: string;
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  aux?: Record<string, unknown>;
  error?: string;
  errorDetail?: { code?: number; message?: string };
}

/**
 * The engine answers 200 and then streams JSON lines; failures arrive as a line with `errorDetail`,
 * so callers must read to the end. Lines that are not JSON are kept as plain `stream` text.
 */
export async function* readEngineMessages(stream: NodeJS.ReadableStream): AsyncGenerator<EngineMessage> {
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    yield parseEngineLine(line);
  }
}

export function parseEngineLine(line: string): EngineMessage {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' ? (value as EngineMessage) : { stream: `${line}\n` };
  } catch {
    return { stream: `${line}\n` };
  }
}

/** The error text of a message, when it reports one. */
export function messageError(message: EngineMessage): string | undefined {
  return message.errorDetail?.message ?? message.error;
}

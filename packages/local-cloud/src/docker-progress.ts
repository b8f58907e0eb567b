import type Docker from 'dockerode';

/** Engine progress events as the build/push/pull streams report them. */
export interface ProgressEvent {
  readonly stream?: string;
  readonly status?: string;
  readonly error?: string;
  readonly aux?: { readonly ID?: string; readonly Digest?: string; readonly Tag?: string };
}

/** Drains a progress stream; rejects on an in-band `error` event (how the engine reports failures). */
export function followProgress(docker: Docker, stream: NodeJS.ReadableStream): Promise<ProgressEvent[]> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, events: ProgressEvent[]) => {
      const failed = error?.message ?? events.find((event) => event.error)?.error;
      if (failed) reject(new Error(failed));
      else resolve(events);
    });
  });
}

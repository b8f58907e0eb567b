import type { CapturedMessage } from '@skylift/core';

const TEXTUAL = /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded|graphql|yaml)\b)/i;

/** Keeps the first `cap` bytes of a body that streams past, and counts all of it. */
export class BodySample {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  bytes = 0;

  constructor(private readonly cap: number) {}

  add(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.kept >= this.cap) return;
    const part = chunk.length <= this.cap - this.kept ? chunk : chunk.subarray(0, this.cap - this.kept);
    this.chunks.push(part);
    this.kept += part.length;
  }

  /** Text (by content type, or untyped but valid UTF-8) stays readable; anything else is base64. */
  toMessage(contentType: string | undefined): Pick<CapturedMessage, 'body' | 'bodyEncoding' | 'bodyBytes' | 'bodyTruncated'> {
    const body = Buffer.concat(this.chunks, this.kept);
    const truncated = this.bytes > this.kept;
    const asText = (contentType === undefined || TEXTUAL.test(contentType)) && isUtf8(body, truncated);
    return {
      body: asText ? body.toString('utf8') : body.toString('base64'),
      bodyEncoding: asText ? 'utf8' : 'base64',
      bodyBytes: this.bytes,
      bodyTruncated: truncated,
    };
  }
}

/** A cut body may end inside a multi-byte character; `stream` lets that tail pass. */
function isUtf8(body: Buffer, cut: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body, { stream: cut });
    return true;
  } catch {
    return false;
  }
}

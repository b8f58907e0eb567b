/**
 * fetch with a deadline on a ref'd timer. AbortSignal.timeout's timer is unref'd: while a peer
 * (docker-proxy in front of a container that is not listening yet) holds the connection open,
 * nothing would keep a plain script's event loop alive and Node would exit mid-await (code 13).
 */
export async function fetchWithTimeout(url: string, timeoutMs: number, init: RequestInit = {}): Promise<Response> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`${url} did not answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: abort.signal });
    // The body is read by the caller, still under the same deadline.
    const body = await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } finally {
    clearTimeout(timer);
  }
}

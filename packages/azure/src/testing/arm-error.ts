/** The fields an SDK RestError carries, as the SDK fills them from an ARM error answer (unit tests of mapping/retry). */
export function armError(statusCode: number, code: string, retryAfter?: string): Error {
  const headers = new Map(retryAfter === undefined ? [] : [['retry-after', retryAfter]]);
  return Object.assign(new Error(`${code} happened`), {
    name: 'RestError',
    statusCode,
    code,
    response: { headers: { get: (name: string) => headers.get(name.toLowerCase()) } },
  });
}

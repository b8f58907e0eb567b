import { request } from 'node:https';

/** What App Service does for `acrUseManagedIdentityCreds`: trade the identity's Entra token for an ACR refresh token. */
export function exchangeAtLoginServer(loginServer: string, form: { tenant: string; accessToken: string }, caPem: string): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'access_token', service: loginServer, tenant: form.tenant, access_token: form.accessToken }).toString();
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `https://${loginServer}/oauth2/exchange`,
      { method: 'POST', ca: caPem, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 200) return reject(new Error(`token exchange at ${loginServer} answered ${response.statusCode}: ${text}`));
          resolve((JSON.parse(text) as { refresh_token: string }).refresh_token);
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

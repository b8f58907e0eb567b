import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { localCloudDir } from '@skylift/local-cloud';

/** A JWT (Entra access tokens, ACR refresh and access tokens are all JWTs). */
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/;

/** Literal secrets of the local cloud that must never leave their 0600 files. */
export async function knownSecrets(): Promise<string[]> {
  const files = [join(localCloudDir(), 'ngrok-edge', 'authtoken'), join(localCloudDir(), 'azure', 'identity-header')];
  const values = await Promise.all(files.map((file) => readFile(file, 'utf8').then((text) => text.trim(), () => '')));
  return values.filter((value) => value.length >= 8);
}

/** Names what leaked (never the secret itself), or undefined when `text` holds none of them. */
export function findSecret(text: string, secrets: readonly string[]): string | undefined {
  if (JWT.test(text)) return 'a JWT (Entra or ACR token)';
  const index = secrets.findIndex((secret) => text.includes(secret));
  return index === -1 ? undefined : `local-cloud secret #${index + 1}`;
}

/**
 * `docker save` of the image, scanned as it streams: the export holds every layer tar uncompressed,
 * so a secret in any file of any layer shows up in these bytes. A tail of each chunk is carried
 * over so a secret cut across two chunks is still seen.
 */
export async function findSecretInImage(docker: Docker, image: string, secrets: readonly string[]): Promise<string | undefined> {
  const stream = await docker.getImage(image).get();
  let carry = '';
  let found: string | undefined;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = carry + chunk.toString('latin1');
    found ??= findSecret(text, secrets);
    carry = text.slice(-4096);
  }
  return found;
}

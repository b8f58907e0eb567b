import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.ts';

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Thumbprint-style key id, as Entra puts in the JWT header. */
  readonly kid: string;
}

function fromPem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { privateKey, publicKey, kid: createHash('sha1').update(der).digest('base64url') };
}

/** The key every emulator token is signed with; kept in the state dir so tokens outlive a restart. */
export async function loadSigningKey(stateDir: string): Promise<SigningKey> {
  const path = join(stateDir, 'signing-key.pem');
  try {
    return fromPem(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await writeFileAtomic(path, pem, 0o600);
  return fromPem(pem);
}

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import forge from 'node-forge';
import { localCloudDir } from './paths.ts';

/**
 * A CA of our own for the loopback servers of the local cloud (ngrok edge, Azure emulator, ACR
 * login servers, App Service front ends). rustls/webpki (inside @ngrok/ngrok) rejects a
 * self-signed leaf, so the CA (CA:TRUE) signs a separate leaf (CA:FALSE, serverAuth) whose SANs
 * cover 127.0.0.1, ::1 and localhost. Node clients trust it through NODE_EXTRA_CA_CERTS.
 */
export interface LocalCa {
  /** Path of the CA certificate (PEM): the value for NODE_EXTRA_CA_CERTS. */
  readonly caPath: string;
  readonly caPem: string;
  /** Leaf certificate and key for every loopback TLS server of the local cloud. */
  readonly leaf: { readonly cert: string; readonly key: string };
}

const VALID_DAYS = 825;

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKey, privateKey };
}

function certificate(options: {
  subject: string;
  publicKey: string;
  signingKey: string;
  issuer?: forge.pki.Certificate;
  extensions: object[];
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(options.publicKey);
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + VALID_DAYS * 86_400_000);
  const subject = [{ name: 'commonName', value: options.subject }, { name: 'organizationName', value: 'skylift local cloud' }];
  cert.setSubject(subject);
  cert.setIssuer(options.issuer ? options.issuer.subject.attributes : subject);
  cert.setExtensions(options.extensions);
  cert.sign(forge.pki.privateKeyFromPem(options.signingKey) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return cert;
}

function createCa() {
  const ca = keyPair();
  const caCert = certificate({
    subject: 'skylift local cloud CA',
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  const leaf = keyPair();
  const leafCert = certificate({
    subject: 'localhost',
    publicKey: leaf.publicKey,
    signingKey: ca.privateKey,
    issuer: caCert,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: '*.localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return {
    caPem: forge.pki.certificateToPem(caCert),
    leafCert: forge.pki.certificateToPem(leafCert),
    leafKey: leaf.privateKey,
  };
}

async function readCa(dir: string): Promise<LocalCa | undefined> {
  const caPath = join(dir, 'ca.pem');
  try {
    const [caPem, cert, key] = await Promise.all(
      [caPath, join(dir, 'leaf.pem'), join(dir, 'leaf-key.pem')].map((path) => readFile(path, 'utf8')),
    );
    return { caPath, caPem, leaf: { cert, key } };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Loads the local CA, creating it on first use. Daemons start in parallel on a fresh machine, so
 * creation is race-free: each process writes a complete CA into its own staging folder and
 * renames that folder into place; a loser throws its own away and reads the winner's. (Writing
 * the files one by one let a daemon serve a leaf from one CA while clients trusted another.)
 */
export async function ensureLocalCa(dir = join(localCloudDir(), 'ca')): Promise<LocalCa> {
  const existing = await readCa(dir);
  if (existing) return existing;
  await mkdir(dirname(dir), { recursive: true });
  const staging = await mkdtemp(`${dir}.staging-`);
  try {
    const made = createCa();
    await writeFile(join(staging, 'leaf-key.pem'), made.leafKey, { mode: 0o600 });
    await writeFile(join(staging, 'leaf.pem'), made.leafCert, { mode: 0o644 });
    await writeFile(join(staging, 'ca.pem'), made.caPem, { mode: 0o644 });
    await rename(staging, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const created = await readCa(dir);
  if (!created) throw new Error(`${dir} holds an incomplete local CA: remove the folder and run skylift local up again`);
  return created;
}

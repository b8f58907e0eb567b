import { posix } from 'node:path';

/** One file that would be sent in the build context. */
export interface ContextFile {
  /** Path relative to the context root, with `/` separators. */
  readonly path: string;
  readonly isSymlink: boolean;
  readonly size: number;
  readonly mtimeMs: number;
  read(): Promise<Buffer>;
}

export interface SecretFinding {
  readonly path: string;
  readonly reason: string;
}

/** Bigger files are build artefacts or media, not credential files: their names are still checked. */
const MAX_SCANNED_BYTES = 8 * 1024 * 1024;

// A whole PEM block (JSON key files escape its newlines as `\n`), so code that merely mentions the
// marker, like a PEM parser, is not flagged.
const PEM_PRIVATE_KEY =
  /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----(?:\\n|\s)+[A-Za-z0-9+/=\s\\:,-]{32,}?-----END \1PRIVATE KEY-----/;
const NPM_AUTH_TOKEN = /_auth(Token)?\s*=/;
const GCLOUD_SERVICE_ACCOUNT = /"type"\s*:\s*"service_account"/;

/** Secrets recognised by name alone; the first matching rule gives the reason. */
const NAME_RULES: readonly { reason: string; matches(path: string, base: string): boolean }[] = [
  { reason: 'dotenv file', matches: (_, base) => base.startsWith('.env') },
  {
    reason: 'SSH private key',
    matches: (_, base) => /^id_(rsa|ed25519|ecdsa|dsa)/.test(base) && !base.endsWith('.pub'),
  },
  { reason: 'key or certificate file', matches: (_, base) => base.endsWith('.pem') || base.endsWith('.key') },
  { reason: 'Azure CLI credentials', matches: (path) => path.split('/').includes('.azure') },
  { reason: 'AWS credentials', matches: (path) => path === '.aws/credentials' || path.endsWith('/.aws/credentials') },
  { reason: 'Azure publish profile', matches: (_, base) => base.endsWith('.publishsettings') },
  {
    reason: 'Google Cloud credentials',
    matches: (path, base) =>
      base === 'application_default_credentials.json' || `/${path}`.includes('/.config/gcloud/'),
  },
];

/** Secrets recognised by content (only regular files small enough to be credentials). */
const CONTENT_RULES: readonly { reason: string; matches(path: string, base: string, text: string): boolean }[] = [
  { reason: 'npm auth token', matches: (_, base, text) => base === '.npmrc' && NPM_AUTH_TOKEN.test(text) },
  {
    reason: 'Google Cloud service-account key',
    matches: (_, base, text) => base.endsWith('.json') && GCLOUD_SERVICE_ACCOUNT.test(text) && text.includes('private_key'),
  },
  { reason: 'private key (PEM block)', matches: (_, __, text) => PEM_PRIVATE_KEY.test(text) },
];

/**
 * Finds the files of a build context that look like credentials, so they never reach the engine
 * (and from there an image layer and a registry). Paths in `allowFiles` are the user's
 * deliberate exceptions.
 */
export async function scanForSecrets(
  files: readonly ContextFile[],
  allowFiles: readonly string[] = [],
): Promise<SecretFinding[]> {
  const allowed = new Set(allowFiles.map(normaliseContextPath));
  const findings: SecretFinding[] = [];
  for (const file of files) {
    if (allowed.has(file.path)) continue;
    const reason = await secretReason(file);
    if (reason !== undefined) findings.push({ path: file.path, reason });
  }
  return findings;
}

/** `./a\\b/` and `a/b` name the same context entry. */
export function normaliseContextPath(path: string): string {
  return posix.normalize(path.replaceAll('\\', '/')).replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

async function secretReason(file: ContextFile): Promise<string | undefined> {
  const base = posix.basename(file.path);
  const byName = NAME_RULES.find((rule) => rule.matches(file.path, base));
  if (byName) return byName.reason;
  if (file.isSymlink || file.size > MAX_SCANNED_BYTES || file.size === 0) return undefined;
  const text = (await file.read()).toString('latin1');
  return CONTENT_RULES.find((rule) => rule.matches(file.path, base, text))?.reason;
}

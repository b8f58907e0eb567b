import { createSign, createVerify, type KeyObject } from 'node:crypto';

/** Claims the emulator puts in (and reads from) its tokens; JWTs are RS256 only, like Entra's. */
export type JwtClaims = Record<string, unknown> & { readonly exp?: number; readonly nbf?: number };

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export function signJwt(claims: JwtClaims, key: { readonly privateKey: KeyObject; readonly kid: string }): string {
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: key.kid }));
  const body = base64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(key.privateKey);
  return `${header}.${body}.${base64url(signature)}`;
}

export type JwtCheck =
  | { readonly ok: true; readonly claims: JwtClaims }
  | { readonly ok: false; readonly reason: 'malformed' | 'signature' | 'expired' | 'not-yet-valid' };

/** Verifies signature and lifetime; audience and issuer are the caller's business. */
export function verifyJwt(token: string, publicKey: KeyObject, nowSeconds: number): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [header, body, signature] = parts as [string, string, string];
  let claims: JwtClaims;
  try {
    const parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    if (parsedHeader.alg !== 'RS256') return { ok: false, reason: 'malformed' };
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as JwtClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const valid = createVerify('RSA-SHA256').update(`${header}.${body}`).verify(publicKey, Buffer.from(signature, 'base64url'));
  if (!valid) return { ok: false, reason: 'signature' };
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds + 300) return { ok: false, reason: 'not-yet-valid' };
  return { ok: true, claims };
}

/** Reads the claims without checking anything: for clients that only need `tid`/`exp`. */
export function decodeJwt(token: string): JwtClaims | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as JwtClaims;
  } catch {
    return undefined;
  }
}


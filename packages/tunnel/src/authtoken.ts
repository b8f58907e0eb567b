import { NgrokAuthtokenMissing } from './errors.ts';
import { findNgrokAuthtoken, type NgrokConfigHost } from './ngrok-config.ts';

export interface ResolvedAuthtoken {
  readonly authtoken: string;
  /** `--authtoken`, `NGROK_AUTHTOKEN` or a config file path: safe to show, unlike the token. */
  readonly source: string;
}

/** `--authtoken`, else NGROK_AUTHTOKEN, else the ngrok agent's config file; else a one-line error. */
export async function resolveAuthtoken(flag: string | undefined, host?: NgrokConfigHost): Promise<ResolvedAuthtoken> {
  const fromFlag = flag?.trim();
  if (fromFlag) return { authtoken: fromFlag, source: '--authtoken' };
  const lookup = await findNgrokAuthtoken(host);
  if (lookup.found) return { authtoken: lookup.authtoken, source: lookup.source };
  throw NgrokAuthtokenMissing(lookup.checked.join(', '));
}

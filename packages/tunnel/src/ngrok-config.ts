import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export interface NgrokConfigHost {
  readonly platform: NodeJS.Platform;
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Where the ngrok agent keeps its config (`ngrok config add-authtoken` writes there), most
 * specific first: the per-OS default of agent v3, then the v2 location older installs still use.
 */
export function ngrokConfigPaths({ platform, home, env }: NgrokConfigHost): string[] {
  const path = platform === 'win32' ? win32 : posix;
  const current =
    platform === 'win32'
      ? path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'ngrok', 'ngrok.yml')
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support', 'ngrok', 'ngrok.yml')
        : path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'ngrok', 'ngrok.yml');
  return [current, path.join(home, '.ngrok2', 'ngrok.yml')];
}

/** The authtoken in an agent config: top level (v2) or under `agent:` (v3). */
export async function authtokenFromConfig(text: string): Promise<string | undefined> {
  // Loaded only when a config file is read: a share through the local edge never needs it.
  const { parse } = await import('yaml');
  const config = parse(text) as { authtoken?: unknown; agent?: { authtoken?: unknown } } | null;
  const token = config?.agent?.authtoken ?? config?.authtoken;
  return typeof token === 'string' && token.trim() !== '' ? token.trim() : undefined;
}

export type NgrokAuthtokenLookup =
  /** `source` says where it came from (a variable name or a file path), never the token. */
  | { readonly found: true; readonly authtoken: string; readonly source: string }
  /** `checked` lists what was looked at, with the reason a file could not be used. */
  | { readonly found: false; readonly checked: readonly string[] };

/** NGROK_AUTHTOKEN first (as the agent does), then the agent's config files. */
export async function findNgrokAuthtoken(
  host: NgrokConfigHost = { platform: process.platform, home: homedir(), env: process.env },
): Promise<NgrokAuthtokenLookup> {
  const fromEnv = host.env.NGROK_AUTHTOKEN?.trim();
  if (fromEnv) return { found: true, authtoken: fromEnv, source: 'NGROK_AUTHTOKEN' };
  const checked = ['NGROK_AUTHTOKEN (unset)'];
  for (const path of ngrokConfigPaths(host)) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      checked.push(`${path} (absent)`);
      continue;
    }
    try {
      const authtoken = await authtokenFromConfig(text);
      if (authtoken) return { found: true, authtoken, source: path };
      checked.push(`${path} (no authtoken)`);
    } catch {
      checked.push(`${path} (not valid YAML)`);
    }
  }
  return { found: false, checked };
}

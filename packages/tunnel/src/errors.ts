import { defineError } from '@skylift/core';

const TOKEN_PAGE = 'https://dashboard.ngrok.com/get-started/your-authtoken';

export const NgrokAuthtokenMissing = defineError(
  'SKYLIFT_NGROK_AUTHTOKEN_MISSING',
  (checked: string) =>
    `no ngrok authtoken: get one at ${TOKEN_PAGE}, then pass --authtoken, set NGROK_AUTHTOKEN or run \`ngrok config add-authtoken <token>\` (looked at: --authtoken (unset), ${checked}); or use --target local`,
);

export const NgrokAuthtokenRejected = defineError(
  'SKYLIFT_NGROK_AUTHTOKEN_REJECTED',
  (source: string) => `ngrok rejected the authtoken from ${source} (ERR_NGROK_107); copy a valid one from ${TOKEN_PAGE}`,
);

export const TunnelFailed = defineError(
  'SKYLIFT_TUNNEL_FAILED',
  (serverAddr: string, reason: string) => `could not open a tunnel through ${serverAddr} (${reason}); check the network and the options, then retry`,
);

export const AppNotListening = defineError(
  'SKYLIFT_APP_NOT_LISTENING',
  (target: string, reason: string) => `nothing answers at ${target} (${reason}); start your app first, or pass --start "<command>"`,
);

export const AppStartFailed = defineError(
  'SKYLIFT_APP_START_FAILED',
  (command: string, reason: string) => `\`${command}\` ${reason}; run it by hand to see why`,
);

export const InvalidShareOption = defineError(
  'SKYLIFT_SHARE_INVALID_OPTION',
  (option: string, value: string, expected: string) => `${option} ${value} is not valid: expected ${expected}`,
  2,
);

export const NothingToShare = defineError(
  'SKYLIFT_SHARE_NO_APP',
  () => 'say what to share: --port 3000 or --url http://localhost:3000',
  2,
);

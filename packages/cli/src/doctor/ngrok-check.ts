import type { NgrokAuthtokenLookup } from '@skylift/tunnel';
import type { DoctorCheck } from './check.ts';

/** Says where the authtoken was found, never what it is. */
export function checkNgrokAuthtoken(lookup: NgrokAuthtokenLookup): DoctorCheck {
  if (lookup.found) return { name: 'ngrok authtoken', status: 'ok', detail: `found in ${lookup.source}`, fix: null };
  return {
    name: 'ngrok authtoken',
    status: 'warn',
    detail: `not found; checked ${lookup.checked.join(', ')}`,
    fix: '`ngrok config add-authtoken <token>` or export NGROK_AUTHTOKEN; only `share --target ngrok` needs it',
  };
}

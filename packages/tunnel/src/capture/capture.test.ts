import { REDACTED } from '@skylift/core';
import { expect, test } from 'vitest';
import { BodySample } from './body-sample.ts';
import { redactHeaders } from './redact.ts';

test('credentials and configured headers are redacted, everything else kept', () => {
  const redacted = redactHeaders(
    { authorization: 'Bearer abc', cookie: 'sid=1', 'set-cookie': ['a=1', 'b=2'], 'x-api-key': 'k', accept: 'application/json' },
    ['X-Api-Key'],
  );
  expect(redacted).toEqual({ authorization: REDACTED, cookie: REDACTED, 'set-cookie': [REDACTED, REDACTED], 'x-api-key': REDACTED, accept: 'application/json' });
});

test('bodies are kept up to the cap, counted whole, text as text and binary as base64', () => {
  const text = new BodySample(8);
  text.add(Buffer.from('{"a":'));
  text.add(Buffer.from('12345}'));
  expect(text.toMessage('application/json')).toEqual({ body: '{"a":123', bodyEncoding: 'utf8', bodyBytes: 11, bodyTruncated: true });

  const binary = new BodySample(1024);
  binary.add(Buffer.from([0xff, 0x00, 0xfe]));
  expect(binary.toMessage('application/octet-stream')).toMatchObject({ body: Buffer.from([0xff, 0x00, 0xfe]).toString('base64'), bodyEncoding: 'base64' });
  expect(binary.toMessage('text/plain')).toMatchObject({ bodyEncoding: 'base64' }); // not valid UTF-8

  const cutInsideCharacter = new BodySample(4);
  cutInsideCharacter.add(Buffer.from('abcé')); // é is 2 bytes: the cap cuts it in half
  expect(cutInsideCharacter.toMessage('text/plain')).toMatchObject({ bodyEncoding: 'utf8', bodyBytes: 5, bodyTruncated: true });
});

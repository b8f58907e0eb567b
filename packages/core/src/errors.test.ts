import { expect, test } from 'vitest';
import { defineError, isSkyliftError, messageOf, SkyliftError } from './errors.ts';

const PortClosed = defineError('SKYLIFT_TEST_PORT_CLOSED', (port: number) => `nothing listens on ${port}; start the app first`, 3);

test('a declared error carries its stable code, message and exit code', () => {
  const error = PortClosed(3000);
  expect(error).toBeInstanceOf(SkyliftError);
  expect(error.code).toBe('SKYLIFT_TEST_PORT_CLOSED');
  expect(error.message).toBe('nothing listens on 3000; start the app first');
  expect(error.exitCode).toBe(3);
  expect(PortClosed.code).toBe('SKYLIFT_TEST_PORT_CLOSED');
});

test('is() tells its own errors from others', () => {
  expect(PortClosed.is(PortClosed(1))).toBe(true);
  expect(PortClosed.is(new SkyliftError('SKYLIFT_OTHER', 'x'))).toBe(false);
  expect(PortClosed.is(new Error('x'))).toBe(false);
  expect(isSkyliftError(PortClosed(1))).toBe(true);
  expect(isSkyliftError(new Error('x'))).toBe(false);
});

test('messageOf gives one line for anything thrown', () => {
  expect(messageOf(new Error('boom'))).toBe('boom');
  expect(messageOf('plain')).toBe('plain');
  expect(new SkyliftError('SKYLIFT_X', 'y').exitCode).toBe(1);
});

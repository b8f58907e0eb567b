import { describe, expect, it } from 'vitest';
import { globMatches, parseFieldGlob, renderPath } from './field-path.ts';
import { flattenJson, flattenResponse, liftResponse, valueAtPath } from './flatten.ts';

describe('flatten', () => {
  it('flattens JSON into leaf paths, empty containers included', () => {
    expect(flattenJson({ a: { b: [1, { c: 'x' }] }, 'odd key': true, e: [], f: {} })).toEqual([
      ['$.a.b[0]', 1],
      ['$.a.b[1].c', 'x'],
      ['$["odd key"]', true],
      ['$.e', []],
      ['$.f', {}],
    ]);
  });

  it('flattens a response into status, headers and body fields', () => {
    const lifted = liftResponse({
      status: 201,
      headers: { 'Content-Type': 'application/json', 'set-cookie': ['a=1'] },
      body: Buffer.from('{"id":6}'),
    });
    expect(flattenResponse(lifted)).toEqual([
      ['status', 201],
      ['header.content-type', 'application/json'],
      ['header.set-cookie.a', 'a=1'],
      ['$.id', 6],
    ]);
  });

  it("replaces the target's own host in headers and bodies", () => {
    const lifted = liftResponse(
      { status: 302, headers: { location: 'http://127.0.0.1:9/x', 'content-type': 'application/json' }, body: Buffer.from('{"host":"127.0.0.1:9"}') },
      '127.0.0.1:9',
    );
    expect(lifted.headers.get('location')).toBe('http://{host}/x');
    expect(lifted.body).toEqual({ kind: 'json', value: { host: '{host}' } });
  });

  it('reads values by JSON path', () => {
    const value = { items: [{ name: 'kite' }], 'a.b': 1 };
    expect(valueAtPath(value, '$.items[0].name')).toBe('kite');
    expect(valueAtPath(value, '$["a.b"]')).toBe(1);
    expect(valueAtPath(value, '$.items[3].name')).toBeUndefined();
  });
});

describe('field path globs', () => {
  const matches = (glob: string, path: Array<string | number>) => globMatches(parseFieldGlob(glob), path);

  it('matches exact paths, ancestors, wildcards and any depth', () => {
    expect(renderPath(['$', 'items', 1, 'price'])).toBe('$.items[1].price');
    expect(matches('$.runtime.hostname', ['$', 'runtime', 'hostname'])).toBe(true);
    expect(matches('$.runtime', ['$', 'runtime', 'hostname'])).toBe(true);
    expect(matches('$.runtime.hostname', ['$', 'runtime'])).toBe(false);
    expect(matches('$.items[*].id', ['$', 'items', 4, 'id'])).toBe(true);
    expect(matches('$.items[0].id', ['$', 'items', 4, 'id'])).toBe(false);
    expect(matches('$..requestId', ['$', 'a', 0, 'requestId'])).toBe(true);
    expect(matches('$.**.requestId', ['$', 'requestId'])).toBe(true);
    expect(matches('header["x-ms-*"]', ['header', 'x-ms-request-id'])).toBe(true);
    expect(matches('header.set-cookie.ARRAffinity*', ['header', 'set-cookie', 'ARRAffinitySameSite'])).toBe(true);
  });

  it('rejects malformed globs with the reason', () => {
    expect(() => parseFieldGlob('$.items[abc]')).toThrow(/neither an index/);
    expect(() => parseFieldGlob('$.items[0')).toThrow(/unclosed/);
  });
});

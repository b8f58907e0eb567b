import { describe, expect, it } from 'vitest';
import { parseSuite } from './load-suite.ts';

const invalid = (text: string) => {
  try {
    parseSuite(text, 'suite.yaml');
  } catch (error) {
    return { message: (error as Error).message, code: (error as { code?: string }).code, exitCode: (error as { exitCode?: number }).exitCode };
  }
  throw new Error('expected the suite to be rejected');
};

describe('parseSuite', () => {
  it('builds requests with defaults, query, JSON bodies and per-request ignores', () => {
    const suite = parseSuite(
      [
        'defaults: { headers: { Accept: application/json } }',
        'ignore: { headers: [x-instance], fields: ["$..requestId"] }',
        'noise: { relativePercent: 10 }',
        'requests:',
        '  - path: /api/items',
        '    query: { limit: 2, tag: [a, b] }',
        '  - name: create',
        '    method: post',
        '    path: /api/items',
        '    body: { name: kite }',
        '    expect: { status: 201, headers: [Location] }',
        '    ignore: { fields: [$.id] }',
      ].join('\n'),
      'suite.yaml',
    );
    expect(suite.ignore).toEqual({ headers: ['x-instance'], fields: ['$..requestId'] });
    expect(suite.noise).toEqual({ relativePercent: 10 });
    expect(suite.requests).toEqual([
      { name: 'GET /api/items?limit=2&tag=a&tag=b', method: 'GET', path: '/api/items?limit=2&tag=a&tag=b', headers: { accept: 'application/json' }, origin: 'suite.yaml:5:5' },
      {
        name: 'create',
        method: 'POST',
        path: '/api/items',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: '{"name":"kite"}',
        expect: { status: 201, headers: ['location'] },
        ignore: { headers: [], fields: ['$.id'] },
        origin: 'suite.yaml:7:5',
      },
    ]);
  });

  it('reads JSON suites with the same positions', () => {
    expect(invalid('{\n  "requests": [\n    { "path": "no-slash" }\n  ]\n}').message).toMatch(/^suite\.yaml:3:15: requests\[0\]\.path: path "no-slash" must start with "\/"/);
  });

  it('points at the first problem in file order, as file:line:col, exit code 2', () => {
    const error = invalid('requests:\n  - path: /a\n    method: FETCH\n    extra: 1\n');
    expect(error).toMatchObject({ code: 'SKYLIFT_COMPARE_SUITE_INVALID', exitCode: 2 });
    expect(error.message).toMatch(/^suite\.yaml:3:13: requests\[0\]\.method: method must be one of GET, .* \(and 1 more problem\); fix the suite/);
    expect(invalid('requests:\n  - path: /a\n    extra: 1\n').message).toMatch(/^suite\.yaml:3:5: requests\[0\]\.extra: unknown key "extra"/);
  });

  it('reports YAML syntax errors, missing requests, bad globs and duplicates with positions', () => {
    expect(invalid('requests:\n  - path: /a\n    headers: {accept: x\n').message).toMatch(/^suite\.yaml:\d+:\d+: /);
    expect(invalid('name: x\n').message).toMatch(/^suite\.yaml:1:1: `requests` must be a non-empty list/);
    expect(invalid('requests:\n  - path: /a\n    ignore: { fields: ["$.a[x]"] }\n').message).toMatch(/^suite\.yaml:3:24: requests\[0\]\.ignore\.fields\[0\]: not a field path glob/);
    expect(invalid('requests:\n  - path: /a\n  - path: /a\n').message).toMatch(/^suite\.yaml:3:5: .*used twice/);
    expect(invalid('requests:\n  - path: /a\n    headers: { Host: x }\n').message).toMatch(/^suite\.yaml:3:16: .*Host is set per target/);
  });
});

import { describe, expect, it } from 'vitest';
import { classify, type FieldDifference } from './classify.ts';
import { liftResponse } from './flatten.ts';

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
  liftResponse({ status, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(value)) });
const text = (value: string, type = 'text/plain') => liftResponse({ status: 200, headers: { 'content-type': type }, body: Buffer.from(value) });
const brief = (diffs: FieldDifference[]) => diffs.map((d) => `${d.kind} ${d.path}`);

describe('classify', () => {
  it('finds nothing in identical responses, whatever the key order', () => {
    expect(classify(json({ a: 1, b: [1, 2] }), json({ b: [1, 2], a: 1 }))).toEqual([]);
  });

  it('classifies value, type, missing and extra fields', () => {
    const diffs = classify(json({ same: 1, price: 24.9, count: 1, gone: true }), json({ same: 1, price: 19.9, count: '1', added: null }));
    expect(brief(diffs)).toEqual(['value $.price', 'type $.count', 'missing $.gone', 'extra $.added']);
    expect(diffs[0]).toMatchObject({ baseline: 24.9, candidate: 19.9 });
    expect(diffs[1]!.detail).toBe('number → string');
  });

  it('reports a status change and header changes', () => {
    const diffs = classify(json({}, 404, { 'x-a': '1', 'x-b': '2' }), json({}, 500, { 'x-a': '9', 'x-c': '3' }));
    expect(brief(diffs)).toEqual(['value status', 'value header.x-a', 'missing header.x-b', 'extra header.x-c']);
  });

  it('calls a permutation of the same elements an ordering difference', () => {
    const diffs = classify(json({ tags: ['a', 'b', 'c'] }), json({ tags: ['c', 'b', 'a'] }));
    expect(brief(diffs)).toEqual(['ordering $.tags']);
    expect(diffs[0]!.detail).toContain('[2, 1, 0]');
  });

  it('pairs objects by id: reordering plus one changed field, not a cascade', () => {
    const items = [1, 2, 3].map((id) => ({ id, price: id * 10 }));
    const changed = [...items].reverse().map((item) => (item.id === 2 ? { ...item, price: 99 } : item));
    expect(brief(classify(json(items), json(changed)))).toEqual(['ordering $', 'value $[1].price']);
  });

  it('reports array size with the elements only one side has', () => {
    const diffs = classify(json([1, 2, 3]), json([1, 2, 3, 4]));
    expect(brief(diffs)).toEqual(['size $']);
    expect(diffs[0]!.detail).toBe('3 → 4 items; only in candidate: [4]');
    const keyed = classify(json([{ id: 1 }, { id: 2 }]), json([{ id: 1 }]));
    expect(keyed[0]!.detail).toBe('2 → 1 items; only in baseline: [id=2]');
  });

  it('compares same-length arrays without identity index by index', () => {
    expect(brief(classify(json([{ a: 1 }, { a: 2 }]), json([{ a: 1 }, { a: 3 }])))).toEqual(['value $[1].a']);
  });

  it('compares non-JSON bodies by hash with a short text diff excerpt', () => {
    const diffs = classify(text('one\ntwo\nthree\nfour'), text('one\ntwo\nTHREE\nfour'));
    expect(brief(diffs)).toEqual(['value body']);
    expect(diffs[0]!.detail).toBe('@@ line 3 @@\n  one\n  two\n- three\n+ THREE\n  four');
    expect(String(diffs[0]!.baseline)).toMatch(/^text sha256:[0-9a-f]{12} \(18 bytes\)$/);
  });

  it('calls JSON against text a type difference of the body', () => {
    expect(brief(classify(json({ a: 1 }), text('oops')))).toEqual(['value header.content-type', 'type body']);
  });

  it('splits Set-Cookie per cookie name', () => {
    const a = liftResponse({ status: 200, headers: { 'set-cookie': ['ARRAffinity=1; Path=/', 'session=x'] }, body: new Uint8Array() });
    const b = liftResponse({ status: 200, headers: { 'set-cookie': ['ARRAffinity=2; Path=/', 'session=x'] }, body: new Uint8Array() });
    expect(brief(classify(a, b))).toEqual(['value header.set-cookie.ARRAffinity']);
  });
});

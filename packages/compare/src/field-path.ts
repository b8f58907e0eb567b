/**
 * Field paths name every comparable part of a response: `status`, `header.content-type`,
 * `header.set-cookie.session`, `body` (a non-JSON body) and JSON paths such as `$.items[1].price`.
 * Globs use the same syntax plus `*` (any one key or index, or a wildcard inside a key),
 * `[*]` (any index) and `..`/`**` (any depth), e.g. `$..requestId`, `$.runtime.*`.
 */
export type Segment = string | number;

const plainKey = /^[A-Za-z_$][\w$-]*$/;

export function renderPath(segments: readonly Segment[]): string {
  let out = '';
  for (const [index, segment] of segments.entries()) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (index === 0) out += segment;
    else out += plainKey.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  }
  return out;
}

type GlobToken = { kind: 'deep' } | { kind: 'any' } | { kind: 'index'; index: number } | { kind: 'key'; pattern: RegExp };

export interface FieldGlob {
  readonly source: string;
  readonly tokens: readonly GlobToken[];
}

/** Throws an Error naming the bad part; callers wrap it with the suite position. */
export function parseFieldGlob(source: string): FieldGlob {
  const tokens: GlobToken[] = [];
  const text = source.trim();
  let at = 0;
  const key = (name: string) => {
    if (name === '*') tokens.push({ kind: 'any' });
    else if (name === '**') tokens.push({ kind: 'deep' });
    else tokens.push({ kind: 'key', pattern: wildcard(name) });
  };
  const name = () => {
    const match = /^[^.[\]]+/.exec(text.slice(at));
    if (!match) throw new Error(`expected a field name at character ${at + 1} of "${source}"`);
    at += match[0].length;
    return match[0];
  };
  key(name());
  while (at < text.length) {
    if (text.startsWith('..', at)) {
      at += 2;
      tokens.push({ kind: 'deep' });
      if (text[at] !== '[') key(name());
    } else if (text[at] === '.') {
      at += 1;
      key(name());
    } else if (text[at] === '[') {
      const end = text.indexOf(']', at);
      if (end < 0) throw new Error(`unclosed "[" in "${source}"`);
      const inner = text.slice(at + 1, end).trim();
      at = end + 1;
      if (inner === '*') tokens.push({ kind: 'any' });
      else if (/^\d+$/.test(inner)) tokens.push({ kind: 'index', index: Number(inner) });
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) tokens.push({ kind: 'key', pattern: wildcard(JSON.parse(inner) as string) });
      else throw new Error(`"[${inner}]" in "${source}" is neither an index, [*] nor a quoted key`);
    } else {
      throw new Error(`unexpected "${text[at]}" at character ${at + 1} of "${source}"`);
    }
  }
  return { source, tokens };
}

function wildcard(name: string): RegExp {
  const escaped = name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** True when the glob matches the path or one of its ancestors (ignoring `$.runtime` hides its children). */
export function globMatches(glob: FieldGlob, segments: readonly Segment[]): boolean {
  return matchFrom(glob.tokens, 0, segments, 0);
}

function matchFrom(tokens: readonly GlobToken[], ti: number, segments: readonly Segment[], si: number): boolean {
  if (ti === tokens.length) return true;
  const token = tokens[ti]!;
  if (token.kind === 'deep') {
    for (let skip = si; skip <= segments.length; skip += 1) if (matchFrom(tokens, ti + 1, segments, skip)) return true;
    return false;
  }
  if (si === segments.length) return false;
  const segment = segments[si]!;
  const ok =
    token.kind === 'any' ||
    (token.kind === 'index' ? segment === token.index : typeof segment === 'string' && token.pattern.test(segment));
  return ok && matchFrom(tokens, ti + 1, segments, si + 1);
}

const context = 2;
const maxChanged = 6;
const maxLine = 160;

/**
 * A short unified-style excerpt around the first differing lines of two texts: the common head and
 * tail are trimmed, a little context kept, long runs and lines cut. Enough to see what changed.
 */
export function textDiffExcerpt(a: string, b: string): string {
  const la = a.split(/\r?\n/);
  const lb = b.split(/\r?\n/);
  let head = 0;
  while (head < la.length && head < lb.length && la[head] === lb[head]) head += 1;
  let tail = 0;
  while (tail < la.length - head && tail < lb.length - head && la[la.length - 1 - tail] === lb[lb.length - 1 - tail]) tail += 1;
  const lines: string[] = [`@@ line ${head + 1} @@`];
  for (const line of la.slice(Math.max(0, head - context), head)) lines.push(`  ${cut(line)}`);
  const section = (from: string[], sign: string) => {
    const changed = from.slice(head, from.length - tail);
    for (const line of changed.slice(0, maxChanged)) lines.push(`${sign} ${cut(line)}`);
    if (changed.length > maxChanged) lines.push(`${sign} … ${changed.length - maxChanged} more lines`);
  };
  section(la, '-');
  section(lb, '+');
  for (const line of la.slice(la.length - tail, la.length - tail + context)) lines.push(`  ${cut(line)}`);
  return lines.join('\n');
}

function cut(line: string): string {
  return line.length > maxLine ? `${line.slice(0, maxLine - 1)}…` : line;
}

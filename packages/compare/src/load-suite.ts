import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { SuiteInvalid, SuiteUnreadable } from './errors.ts';
import { validateSuite, type SchemaProblem, type Suite } from './suite-schema.ts';

/** Reads and validates a YAML or JSON suite; every problem is reported as file:line:col. */
export async function loadSuite(file: string, cwd = process.cwd()): Promise<Suite> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw SuiteUnreadable(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  const shown = relative(cwd, file).startsWith('..') ? file : relative(cwd, file) || file;
  return parseSuite(text, shown);
}

/** `name` is used in messages only. JSON is parsed by the YAML parser (JSON is YAML 1.2) to keep positions. */
export function parseSuite(text: string, name: string): Suite {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${name}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    const [first] = doc.errors;
    throw SuiteInvalid(at(first!.pos[0]), first!.message.split('\n')[0]!, doc.errors.length - 1);
  }
  const { suite, problems } = validateSuite(doc.toJS());
  if (suite && problems.length === 0) {
    const withOrigins = suite.requests.map((request, index) => {
      const node = nodeAt(doc.contents as YamlNode | null, ['requests', index], false);
      return { ...request, origin: at(node?.range?.[0] ?? 0) };
    });
    return { ...suite, requests: withOrigins };
  }
  // The first problem in file order, so fixing top to bottom works.
  const located = problems.map((problem: SchemaProblem) => ({
    problem,
    offset: nodeAt(doc.contents as YamlNode | null, problem.path, Boolean(problem.atKey))?.range?.[0] ?? 0,
  }));
  const first = located.reduce((best, entry) => (entry.offset < best.offset ? entry : best));
  throw SuiteInvalid(at(first.offset), `${describePath(first.problem.path)}${first.problem.message}`, problems.length - 1);
}

/** The deepest node along `path` (the key node when `atKey`), so a missing key points at its parent. */
function nodeAt(root: YamlNode | null, path: ReadonlyArray<string | number>, atKey: boolean): YamlNode | null {
  let node = root;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return node;
      if (atKey && index === path.length - 1) return pair.key as YamlNode;
      node = (pair.value as YamlNode | null) ?? (pair.key as YamlNode);
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as YamlNode | undefined;
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

function describePath(path: ReadonlyArray<string | number>): string {
  if (path.length === 0) return '';
  const text = path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
  return `${text}: `;
}

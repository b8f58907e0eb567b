import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** The project's name: its package.json `name`, else its directory's name. */
export async function readProjectName(projectDir: string): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8')) as { name?: unknown };
    if (typeof pkg.name === 'string' && pkg.name) return pkg.name;
  } catch {
    // No (readable) package.json: the directory names the project.
  }
  return basename(projectDir);
}

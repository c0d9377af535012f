import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/handlers/', import.meta.url));

/** A fixture package under tests/fixtures/handlers/<language>/<name> as EnvironmentInit.files (paths relative to /var/task). */
export function fixtureFiles(language: 'nodejs' | 'python', name: string): Record<string, Uint8Array> {
  const root = join(FIXTURES, language, name);
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path).split('\\').join('/')] = new Uint8Array(readFileSync(path));
    }
  };
  walk(root);
  return files;
}

/**
 * Starts `vite preview` on the production build (port 4173, with the COOP/COEP headers
 * of vite.config.ts) before the end-to-end files, and stops it after them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startPlainStaticServer } from './plain-static-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The same build served without cross-origin isolation headers. */
    plainBaseUrl: string;
  }
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Overridable so that two engineers' runs on one machine do not fight over ports or builds:
// E2E_DIST=dist-mine E2E_PORT=4273 E2E_PLAIN_PORT=4277 (build with `vite build --outDir dist-mine`).
const PORT = Number(process.env['E2E_PORT'] ?? 4173);
const PLAIN_PORT = Number(process.env['E2E_PLAIN_PORT'] ?? 4177);
const DIST = process.env['E2E_DIST'] ?? 'dist';
const HOST = '127.0.0.1';

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not answer on ${url} within 30 s:\n${output()}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(root, DIST, 'index.html'))) {
    throw new Error(`${DIST}/ is missing: build first (\`npm run test:e2e\` runs \`vite build\`).`);
  }
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'preview', '--host', HOST, '--port', String(PORT), '--strictPort', '--outDir', DIST], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));

  const baseUrl = `http://${HOST}:${PORT}/`;
  try {
    await waitUntilServing(baseUrl, child, () => log);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  const plain = await startPlainStaticServer(join(root, DIST), HOST, PLAIN_PORT);
  project.provide('plainBaseUrl', `http://${HOST}:${PLAIN_PORT}/`);

  return async () => {
    await new Promise((r) => plain.close(r));
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
}

import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BadZipError, pathProblem, unzipPackage, unzipWithProgress, zipFolders, zipPackage } from './package-files';

describe('package files', () => {
  it('keeps empty folders as folder entries through a zip round trip', () => {
    const zip = zipPackage([{ path: 'src/app.mjs', text: 'export {}' }], ['empty', 'src']);
    expect(zipFolders(zip)).toEqual(['empty', 'src']);
    expect(unzipPackage(zip).map((f) => f.path)).toEqual(['src/app.mjs']);
  });

  it('unzips an upload in slices, reporting progress up to the whole size', async () => {
    // Text that does not compress away, so the archive spans many slices.
    let seed = 7;
    const big = Array.from({ length: 20_000 }, () => ((seed = (seed * 48271) % 2147483647), seed.toString(36))).join(' ');
    const zip = zipSync({ 'index.mjs': strToU8('export const handler = async () => 1;'), 'lib/': new Uint8Array(), 'data/big.txt': strToU8(big) });
    const seen: number[] = [];
    const { files, folders } = await unzipWithProgress(zip, (done) => seen.push(done), 1024);
    expect(files.map((f) => f.path)).toEqual(['data/big.txt', 'index.mjs']);
    expect(files[0]!.text).toBe(big);
    expect(folders).toEqual(['lib']);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(zip.length);
  });

  it('refuses what is not a zip, a damaged zip and an empty one, saying so', async () => {
    await expect(unzipWithProgress(strToU8('hello, not a zip'))).rejects.toThrow(/not a \.zip archive/);
    const zip = zipSync({ 'index.mjs': strToU8('export const handler = async () => 1;'.repeat(50)) });
    await expect(unzipWithProgress(zip.subarray(0, zip.length - 30))).rejects.toBeInstanceOf(BadZipError);
    await expect(unzipWithProgress(zipSync({}))).rejects.toThrow(/holds no files/);
  });

  it('checks names typed in the file tree', () => {
    expect(pathProblem('lib/util.mjs')).toBeUndefined();
    expect(pathProblem('')).toBe('Enter a name.');
    expect(pathProblem('/abs.mjs')).toMatch(/slash/);
    expect(pathProblem('../escape.mjs')).toMatch(/\.\./);
    expect(pathProblem('a//b')).toMatch(/empty/);
  });
});

/**
 * The environment's file system on its own: /var/task and /opt read-only, /tmp writable and
 * capped at EphemeralStorage (docs: configuration-ephemeral-storage), with Linux's errno names.
 */
import { describe, expect, it } from 'vitest';
import { FsError, MemoryFileSystem, normalizeAbsolute } from './memory-fs';
import { PackageFiles } from './package-files';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function fileSystem(capacityBytes = 1024): MemoryFileSystem {
  const pkg = new PackageFiles({ 'index.mjs': bytes('export {}'), 'lib/util.js': bytes('x') }, { 'nodejs/node_modules/a/index.js': bytes('a') });
  return new MemoryFileSystem(pkg, capacityBytes, () => 1_700_000_000_000);
}

function failure(fn: () => unknown): Pick<FsError, 'code' | 'syscall' | 'path' | 'dest'> {
  try {
    fn();
  } catch (error) {
    if (error instanceof FsError) return { code: error.code, syscall: error.syscall, path: error.path, dest: error.dest };
    throw error;
  }
  throw new Error('expected an FsError');
}

describe('MemoryFileSystem', () => {
  it('reads the package and the layers, and lists the root with /tmp beside them', () => {
    const fs = fileSystem();
    expect(new TextDecoder().decode(fs.readFile('/var/task/lib/util.js'))).toBe('x');
    expect(fs.readdir('/')).toEqual(['opt', 'tmp', 'var']);
    expect(fs.readdir('/var/task')).toEqual(['index.mjs', 'lib']);
    expect(fs.readdir('/opt/nodejs/node_modules')).toEqual(['a']);
    expect(fs.stat('/var/task/lib')).toMatchObject({ kind: 'directory' });
  });

  it('refuses every change outside /tmp with EROFS', () => {
    const fs = fileSystem();
    expect(failure(() => fs.writeFile('/var/task/index.mjs', bytes('x'), false, false))).toMatchObject({ code: 'EROFS', syscall: 'open' });
    expect(failure(() => fs.mkdir('/opt/x', false))).toMatchObject({ code: 'EROFS', syscall: 'mkdir', path: '/opt/x' });
    expect(failure(() => fs.rename('/tmp/a', '/var/task/a'))).toMatchObject({ code: 'EROFS', syscall: 'rename' });
  });

  it('counts /tmp against its capacity across writes, appends, overwrites and deletes (ENOSPC past it)', () => {
    const fs = fileSystem(10);
    fs.writeFile('/tmp/a', bytes('12345'), false, false);
    fs.writeFile('/tmp/a', bytes('123'), true, false);
    expect(fs.usedBytes).toBe(8);
    expect(failure(() => fs.writeFile('/tmp/b', bytes('123'), false, false))).toMatchObject({ code: 'ENOSPC', syscall: 'write' });
    fs.writeFile('/tmp/a', bytes('1'), false, false);
    expect(fs.usedBytes).toBe(1);
    fs.copyFile('/tmp/a', '/tmp/b', false);
    fs.rename('/tmp/b', '/tmp/a');
    expect(fs.usedBytes).toBe(1);
    fs.unlink('/tmp/a');
    expect(fs.usedBytes).toBe(0);
  });

  it('makes and removes directory trees as mkdir -p and rm -r do', () => {
    const fs = fileSystem();
    expect(fs.mkdir('/tmp/a/b/c', true)).toBe('/tmp/a');
    expect(fs.mkdir('/tmp/a/b', true)).toBeUndefined();
    expect(failure(() => fs.mkdir('/tmp/x/y', false))).toMatchObject({ code: 'ENOENT', syscall: 'mkdir', path: '/tmp/x/y' });
    fs.writeFile('/tmp/a/b/c/file', bytes('x'), false, false);
    expect(failure(() => fs.remove('/tmp/a', false, false, 'rmdir'))).toMatchObject({ code: 'ENOTEMPTY', syscall: 'rmdir' });
    fs.rename('/tmp/a', '/tmp/moved');
    expect(fs.readdir('/tmp/moved/b/c')).toEqual(['file']);
    fs.remove('/tmp/moved', true, false, 'rm');
    expect(fs.readdir('/tmp')).toEqual([]);
    expect(fs.usedBytes).toBe(0);
  });

  it("answers Linux's errors: ENOENT, ENOTDIR below a file, EISDIR, EEXIST for wx", () => {
    const fs = fileSystem();
    fs.writeFile('/tmp/f', bytes('x'), false, false);
    expect(failure(() => fs.readFile('/tmp/none'))).toMatchObject({ code: 'ENOENT', syscall: 'open', path: '/tmp/none' });
    expect(failure(() => fs.stat('/tmp/f/child'))).toMatchObject({ code: 'ENOTDIR' });
    expect(failure(() => fs.readFile('/tmp'))).toMatchObject({ code: 'EISDIR', syscall: 'read' });
    expect(failure(() => fs.writeFile('/tmp/f', bytes('y'), false, true))).toMatchObject({ code: 'EEXIST', syscall: 'open' });
    expect(failure(() => fs.copyFile('/tmp/none', '/tmp/g', false))).toMatchObject({ code: 'ENOENT', syscall: 'copyfile', dest: '/tmp/g' });
  });

  it('resolves dot segments itself, so no path string climbs out of /tmp', () => {
    expect(normalizeAbsolute('/tmp/../var/task/./x//y')).toBe('/var/task/x/y');
    expect(normalizeAbsolute('../../..')).toBe('/');
  });
});

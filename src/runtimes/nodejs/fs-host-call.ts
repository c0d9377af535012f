/**
 * The host end of the guest's `fs` (guest/fs.ts): one host function, `fs(op, a, b, c)`, over
 * the environment's MemoryFileSystem. Paths are resolved again here (normalizeAbsolute), data
 * arrives as a string (UTF-8) or an ArrayBuffer.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { FsError, type MemoryFileSystem, normalizeAbsolute } from './memory-fs';

/**
 * One `fs` operation on the environment's file system. Paths arrive absolute; data as a
 * string (UTF-8) or an ArrayBuffer. A failure is thrown into the guest as the string
 * `fs:<json>`, which the guest's fs module turns into Node's error (with the caller's stack).
 */
export function fsHostCall(
  context: QuickJSContext,
  fs: MemoryFileSystem,
  op: string,
  a: QuickJSHandle,
  b: QuickJSHandle,
  c: QuickJSHandle,
): QuickJSHandle | { error: QuickJSHandle } {
  const str = (h: QuickJSHandle): string => context.getString(h);
  const path = (h: QuickJSHandle): string => normalizeAbsolute(str(h));
  try {
    switch (op) {
      case 'stat':
        return context.newString(JSON.stringify(fs.stat(path(a), str(b))));
      case 'exists':
        return context.newNumber(exists(fs, path(a)) ? 1 : 0);
      case 'read':
        return context.newArrayBuffer(fs.readFile(path(a)).slice().buffer);
      case 'readText':
        return context.newString(new TextDecoder().decode(fs.readFile(path(a))));
      case 'write': {
        const flag = str(c);
        let data: Uint8Array;
        if (context.typeof(b) === 'string') data = new TextEncoder().encode(str(b));
        else {
          const lifetime = context.getArrayBuffer(b);
          data = lifetime.value.slice();
          lifetime.dispose();
        }
        fs.writeFile(path(a), data, flag.startsWith('a'), flag.includes('x'));
        return context.undefined;
      }
      case 'mkdir': {
        const first = fs.mkdir(path(a), str(b) === 'recursive');
        return first === undefined ? context.undefined : context.newString(first);
      }
      case 'readdir':
        return context.newString(JSON.stringify(fs.readdir(path(a))));
      case 'unlink':
        fs.unlink(path(a));
        return context.undefined;
      case 'rm': {
        const flags = str(b);
        fs.remove(path(a), flags.includes('recursive'), flags.includes('force'), str(c));
        return context.undefined;
      }
      case 'rename':
        fs.rename(path(a), path(b));
        return context.undefined;
      case 'copy':
        fs.copyFile(path(a), path(b), str(c) === 'exclusive');
        return context.undefined;
      default:
        return { error: context.newString(`fs:${JSON.stringify({ code: 'EINVAL', syscall: op })}`) };
    }
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    const { code, syscall, path, dest } = error;
    return { error: context.newString(`fs:${JSON.stringify({ code, syscall, path, dest })}`) };
  }
}

function exists(fs: MemoryFileSystem, path: string): boolean {
  try {
    fs.stat(path);
    return true;
  } catch {
    return false;
  }
}

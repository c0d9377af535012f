/**
 * QuickJS's module normalizer and loader for the deployment package. Module names are
 * `file:///var/task/...` URLs, as Node names ES modules, so stack frames read
 * `at handler (file:///var/task/index.mjs:3:11)` like Lambda's.
 *
 * Resolution is the guest's (esm-resolve.ts, sharing the CommonJS package lookup). QuickJS's
 * normalizer cannot fail, so a failed resolution returns a marker name and the loader then
 * rejects the import with a guest-made error carrying Node's code and wording.
 * A CommonJS file imported from ESM becomes a small wrapper module: `default` is
 * `module.exports`, named exports are found by a static scan as Node's cjs-module-lexer does
 * (https://nodejs.org/api/esm.html#commonjs-namespaces).
 */
import type { JSModuleLoadResult, JSModuleNormalizeResult, QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';

const FILE_URL = 'file://';
const FAILED = 'lambdalite:failed/';
const BUILTIN = 'node:';

/** What the loader needs from the guest runtime (see guest/esm-resolve.ts). */
export interface EsmGuest {
  /** JSON `{"path"}` or `{"code","message"}`. */
  resolve(specifier: string, parentPath: string): string;
  /** A guest Error with `code` set, owned by the caller. */
  makeError(code: string, message: string): QuickJSHandle;
  /** Whether a resolved file is ESM (.mjs, or .js under "type": "module"). */
  isEsm(path: string): boolean;
  /** JSON array of the names a built-in module's ES import exports. */
  builtinExportNames(name: string): string;
}

export class EsmLoader {
  private readonly failures: { code: string; message: string }[] = [];

  constructor(
    private readonly readText: (path: string) => string | undefined,
    private readonly guest: () => EsmGuest,
  ) {}

  readonly normalize = (baseName: string, requested: string): JSModuleNormalizeResult => {
    const parentPath = toPath(baseName);
    const answer = JSON.parse(this.guest().resolve(requested, parentPath)) as
      | { path: string }
      | { builtin: string }
      | { code: string; message: string };
    if ('path' in answer) return FILE_URL + answer.path;
    if ('builtin' in answer) return BUILTIN + answer.builtin;
    this.failures.push(answer);
    return `${FAILED}${this.failures.length - 1}`;
  };

  readonly load = (moduleName: string, context: QuickJSContext): JSModuleLoadResult => {
    if (moduleName.startsWith(FAILED)) {
      const failure = this.failures[Number(moduleName.slice(FAILED.length))];
      const error = this.guest().makeError(failure?.code ?? 'ERR_MODULE_NOT_FOUND', failure?.message ?? moduleName);
      return { error };
    }
    void context;
    if (moduleName.startsWith(BUILTIN)) {
      const name = moduleName.slice(BUILTIN.length);
      return builtinWrapper(name, JSON.parse(this.guest().builtinExportNames(name)) as string[]);
    }
    const path = toPath(moduleName);
    const source = this.readText(path);
    if (source === undefined) {
      return { error: this.guest().makeError('ERR_MODULE_NOT_FOUND', `Cannot find module '${path}'`) };
    }
    if (path.endsWith('.json')) return `export default ${source};`;
    if (this.guest().isEsm(path)) return withImportMeta(path, source);
    return commonJsWrapper(path, source);
  };
}

function toPath(name: string): string {
  return name.startsWith(FILE_URL) ? name.slice(FILE_URL.length) : name;
}

/**
 * QuickJS gives modules an empty `import.meta`; Node's has url, filename and dirname
 * (https://nodejs.org/api/esm.html#importmeta). Set on the module's first line, so line
 * numbers in traces stay the file's.
 */
function withImportMeta(path: string, source: string): string {
  if (!source.includes('import.meta')) return source;
  const dir = path.slice(0, Math.max(1, path.lastIndexOf('/')));
  const meta =
    `import.meta.url = ${JSON.stringify(FILE_URL + encodeURI(path))}; import.meta.filename = ${JSON.stringify(path)}; ` +
    `import.meta.dirname = ${JSON.stringify(dir)}; `;
  return source.startsWith('#!') ? `${meta}//${source.slice(2)}` : meta + source;
}

/** An ES module over a built-in: `default` is the module object, named exports its keys. */
function builtinWrapper(name: string, names: string[]): string {
  const safe = names.filter((n) => IDENTIFIER.test(n) && !RESERVED.has(n));
  const lines = [`const m = globalThis[Symbol.for('lambdalite.requireBuiltin')](${JSON.stringify(name)});`, 'export default m;'];
  if (safe.length > 0) lines.push(`export const { ${safe.join(', ')} } = m;`);
  return lines.join('\n');
}

const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval').split(' '),
);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** An ES module re-exporting a CommonJS module: `default` plus the names a static scan finds. */
export function commonJsWrapper(path: string, source: string): string {
  const names = [...commonJsExportNames(source)].filter((n) => IDENTIFIER.test(n) && !RESERVED.has(n));
  const lines = [
    `const m = globalThis[Symbol.for('lambdalite.requireCommonJs')](${JSON.stringify(path)});`,
    'export default m;',
  ];
  if (names.length > 0) lines.push(`export const { ${names.join(', ')} } = (m === null || m === undefined ? {} : m);`);
  return lines.join('\n');
}

/**
 * Names a CommonJS module exports, found the way cjs-module-lexer finds them: `exports.x =`,
 * `module.exports.x =`, `exports['x'] =`, `Object.defineProperty(exports, 'x'`, and the
 * keys of an object literal assigned to `module.exports`.
 */
export function commonJsExportNames(source: string): Set<string> {
  const names = new Set<string>();
  const add = (name: string | undefined): void => {
    if (name && name !== 'default' && name !== '__esModule') names.add(name);
  };
  for (const m of source.matchAll(/(?:^|[^.\w$])(?:module\.)?exports\s*\.\s*([A-Za-z_$][\w$]*)\s*=[^=]/g)) add(m[1]);
  for (const m of source.matchAll(/(?:^|[^.\w$])(?:module\.)?exports\s*\[\s*(['"])([^'"]+)\1\s*\]\s*=[^=]/g)) add(m[2]);
  for (const m of source.matchAll(/Object\.defineProperty\(\s*(?:module\.)?exports\s*,\s*(['"])([^'"]+)\1/g)) add(m[2]);
  for (const m of source.matchAll(/(?:^|[^.\w$])module\.exports\s*=\s*\{/g)) {
    for (const key of objectLiteralKeys(source, (m.index ?? 0) + m[0].length)) add(key);
  }
  return names;
}

/** Top-level keys of the object literal whose body starts at `start` (just after `{`). */
function objectLiteralKeys(source: string, start: number): string[] {
  const keys: string[] = [];
  let depth = 0;
  let entryStart = start;
  const takeEntry = (end: number): void => {
    const entry = source.slice(entryStart, end).trim();
    const m = /^(?:async\s+)?(?:get\s+|set\s+)?\*?\s*(?:(['"])([^'"]+)\1|([A-Za-z_$][\w$]*))\s*(?::|\(|$)/.exec(entry);
    if (m) keys.push(m[2] ?? m[3] ?? '');
  };
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'" || c === '`') {
      const close = source.indexOf(c, i + 1);
      if (close === -1) break;
      i = close;
    } else if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '}') {
      if (depth === 0) {
        takeEntry(i);
        break;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      takeEntry(i);
      entryStart = i + 1;
    }
  }
  return keys.filter((k) => k !== '');
}

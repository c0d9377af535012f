/**
 * Guest source (runs inside QuickJS): ES module specifier resolution, used by the host's
 * QuickJS module normalizer (esm-loader.ts) so CommonJS and ESM share one package
 * lookup. Node's ESM rules (https://nodejs.org/api/esm.html#resolution-algorithm):
 * relative specifiers must name the file exactly (no extension search); bare specifiers
 * use the "import", "node", "default" export conditions, then the package's "main".
 * Returns a JSON string: `{"path": "/var/task/x.mjs"}` or `{"code", "message"}` with
 * Node's error wording ("Cannot find package 'x' imported from /var/task/index.mjs").
 *
 * Expects in scope: the helpers of modules.ts.
 */
export const ESM_RESOLVE_JS = String.raw`
function esmResolve(specifier, parentPath) {
  try {
    var builtin = builtinName(specifier);
    if (builtin !== null) {
      if (!part('builtins').isKnownBuiltin(builtin)) {
        return JSON.stringify({ code: 'ERR_UNKNOWN_BUILTIN_MODULE', message: 'No such built-in module: ' + specifier });
      }
      return JSON.stringify({ builtin: builtin });
    }
    var spec = specifier.slice(0, 7) === 'file://' ? specifier.slice(7) : specifier;
    if (isRelative(spec)) {
      var path = resolvePath(dirname(parentPath), spec.split('?')[0].split('#')[0]);
      if (host.stat(path) === 1) return JSON.stringify({ path: path });
      return JSON.stringify({ code: 'ERR_MODULE_NOT_FOUND', message: "Cannot find module '" + path + "' imported from " + parentPath });
    }
    var found = resolvePackage(spec, dirname(parentPath), ['import', 'node', 'default']);
    if (found) return JSON.stringify({ path: found });
    var name = spec.split('/').slice(0, spec.charAt(0) === '@' ? 2 : 1).join('/');
    return JSON.stringify({ code: 'ERR_MODULE_NOT_FOUND', message: "Cannot find package '" + name + "' imported from " + parentPath });
  } catch (e) {
    return JSON.stringify({ code: e.code || 'ERR_MODULE_NOT_FOUND', message: String(e.message) });
  }
}
/** The error a failed import rejects with, built in the guest so it carries Node's code. */
function makeNodeError(code, message) { return nodeError(Error, code, message); }
Object.defineProperty(globalThis, Symbol.for('lambdalite.requireCommonJs'), {
  value: function (filename) { return loadFile(filename, null).exports; },
});
`;

/**
 * The basic seal of a sandbox worker's global scope. Handler code reaches JavaScript through
 * `import js` / `pyodide.ffi` (pyodide issues #959, #960, #4120: Pyodide is no boundary by
 * itself), so once Pyodide has loaded, everything that could reach the app or the network
 * from this worker is removed from the global object and its prototypes.
 *
 * Still open (a later issue seals this fully): `import()` of a URL from evaluated JS,
 * `close()` of the worker itself, timers, `location` (reveals the origin), and objects created
 * before the seal that hold references (Pyodide's own module).
 */

/** APIs that talk to the network, the origin's storage, or other contexts of the app. */
export const NETWORK_AND_STORAGE_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'indexedDB',
  'caches',
  'importScripts',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  'FontFace',
  'cookieStore',
] as const;

/** Navigator members that reach origin-wide state (OPFS, Web Locks, service workers). */
const NAVIGATOR_MEMBERS = ['storage', 'locks', 'serviceWorker'] as const;

/**
 * Remove `name` from `target` and every prototype in its chain. Returns whether it is gone.
 * Non-configurable properties are overwritten with `undefined` where writable.
 */
export function removeProperty(target: object, name: PropertyKey): boolean {
  for (let o: object | null = target; o !== null; o = Reflect.getPrototypeOf(o)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(o, name);
    if (!descriptor) continue;
    if (!Reflect.deleteProperty(o, name) && descriptor.writable) Reflect.set(o, name, undefined);
  }
  return !(name in target) || Reflect.get(target, name) === undefined;
}

/** Remove the network and storage APIs (and `extra` names) from this worker's global scope. */
export function sealGlobalScope(extra: readonly string[] = []): { removed: string[]; kept: string[] } {
  const scope = globalThis as object;
  const removed: string[] = [];
  const kept: string[] = [];
  for (const name of [...NETWORK_AND_STORAGE_GLOBALS, ...extra]) {
    if (!(name in scope)) continue;
    (removeProperty(scope, name) ? removed : kept).push(name);
  }
  const navigator = Reflect.get(scope, 'navigator') as object | undefined;
  if (navigator) {
    for (const name of NAVIGATOR_MEMBERS) {
      if (!(name in navigator)) continue;
      (removeProperty(navigator, name) ? removed : kept).push(`navigator.${name}`);
    }
  }
  return { removed, kept };
}

/**
 * Where the host keeps the Python memory snapshot, and who makes it.
 *
 * The first Python sandbox ever loads Pyodide the plain way (~4–5 s) and answers `ready` with
 * a snapshot envelope; every later sandbox boots from it (~0.5 s). The bytes live in the
 * browser's Cache Storage, in a cache named after the Pyodide version (no IndexedDB schema
 * change; another version's caches are deleted), keyed by PYTHON_SNAPSHOT_KEY, and in memory
 * once read. Node tests use `MemorySnapshotStorage`.
 *
 * While a plain boot is making the snapshot, other sandboxes wait for it (up to
 * `waitForBuildMs`) instead of each paying for a plain load of their own on the same cores.
 * Nothing here can fail a boot: a storage error means no snapshot, and the sandbox loads
 * the plain way.
 */
import type { EngineSnapshotSource, ReadyMessage } from '../../workers/sandbox-protocol';
import { PYODIDE_VERSION, PYTHON_SNAPSHOT_KEY } from './snapshot-key';

export interface SnapshotStorage {
  read(key: string): Promise<Uint8Array | undefined>;
  write(key: string, bytes: Uint8Array): Promise<void>;
}

/** A snapshot store in memory: Node tests, and hosts without Cache Storage. */
export class MemorySnapshotStorage implements SnapshotStorage {
  readonly entries = new Map<string, Uint8Array>();
  async read(key: string): Promise<Uint8Array | undefined> {
    return this.entries.get(key);
  }
  async write(key: string, bytes: Uint8Array): Promise<void> {
    this.entries.set(key, bytes);
  }
}

const CACHE_PREFIX = 'lambdalite-pyodide-snapshot-';

/** The snapshot in Cache Storage (available in workers of a secure context). */
export class CacheSnapshotStorage implements SnapshotStorage {
  readonly cacheName = `${CACHE_PREFIX}${PYODIDE_VERSION}`;

  constructor(
    private readonly caches: CacheStorage,
    private readonly baseUrl: string,
  ) {}

  #request(key: string): string {
    return new URL(`__lambdalite/python-snapshot/${encodeURIComponent(key)}`, this.baseUrl).href;
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    const cache = await this.caches.open(this.cacheName);
    const response = await cache.match(this.#request(key));
    return response ? new Uint8Array(await response.arrayBuffer()) : undefined;
  }

  async write(key: string, bytes: Uint8Array): Promise<void> {
    for (const name of await this.caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== this.cacheName) await this.caches.delete(name);
    }
    const cache = await this.caches.open(this.cacheName);
    for (const request of await cache.keys()) {
      if (request.url !== this.#request(key)) await cache.delete(request);
    }
    const body = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
    await cache.put(this.#request(key), new Response(body, { headers: { 'Content-Length': String(bytes.byteLength) } }));
  }
}

/** Cache Storage where the worker has it, memory otherwise. */
export function browserSnapshotStorage(baseUrl: string): SnapshotStorage {
  const caches = (globalThis as { caches?: CacheStorage }).caches;
  return caches ? new CacheSnapshotStorage(caches, baseUrl) : new MemorySnapshotStorage();
}

export class PythonSnapshots implements EngineSnapshotSource {
  #bytes: Uint8Array | undefined;
  #read: Promise<Uint8Array | undefined>;
  /** Settles when the boot handed out last has answered (or died): boots go one at a time. */
  #queue: Promise<void> = Promise.resolve();
  #releases: (() => void)[] = [];
  /** Boots that restored from the snapshot, and plain boots; for the console and tests. */
  readonly counts = { snapshot: 0, plain: 0, refused: 0 };
  lastRefusal: string | undefined;

  constructor(
    private readonly storage: SnapshotStorage,
    private readonly key: string = PYTHON_SNAPSHOT_KEY,
    private readonly waitForBootMs = 20_000,
    /** How long the next boot waits after one became ready. */
    private readonly settleMs = 300,
  ) {
    // Read ahead, so the first Python cold start after a page load does not wait for storage.
    this.#read = this.storage.read(this.key).catch(() => undefined);
  }

  /** Whether a snapshot was stored by an earlier session (booting from it is cheap, ~0.5 s). */
  async stored(): Promise<boolean> {
    return (await this.#read) !== undefined;
  }

  /**
   * The snapshot for a new sandbox's boot, or undefined: that sandbox will make one. Boots are
   * handed out one at a time: on two cores two restores at once take as long as two in a row,
   * so the cold start that asked first gets its sandbox sooner and the pool's spare follows;
   * and while the first plain boot makes the snapshot, the next waits for it.
   */
  async load(): Promise<Uint8Array | undefined> {
    const turn = this.#queue;
    let release: () => void = () => {};
    this.#queue = new Promise<void>((resolve) => (release = resolve));
    this.#releases.push(release);
    await this.#within(turn);
    if (this.#bytes) return this.#bytes;
    const stored = await this.#read;
    if (stored) this.#bytes ??= stored;
    return this.#bytes;
  }

  /** A sandbox booted: keep a snapshot it made (and drop it from the message it came in). */
  offer(ready: ReadyMessage): void {
    if (ready.bootedFrom === 'snapshot') this.counts.snapshot += 1;
    else this.counts.plain += 1;
    if (ready.snapshotRefused) {
      this.counts.refused += 1;
      this.lastRefusal = ready.snapshotRefused;
    }
    const made = ready.snapshot;
    delete ready.snapshot;
    if (made) {
      this.#bytes = made;
      void this.storage.write(this.key, made).catch(() => undefined);
    } else if (ready.snapshotRefused && ready.bootedFrom === 'plain') {
      // The snapshot it was given is bad and none was made: do not hand it out again.
      this.#bytes = undefined;
      this.#read = Promise.resolve(undefined);
    }
    // A sandbox that just became ready is about to run an Init: let it have the cores first.
    const release = this.#releases.shift();
    if (release) setTimeout(release, this.settleMs);
  }

  /** A sandbox died before it was ready. */
  abandon(): void {
    this.#releases.shift()?.();
  }

  async #within(turn: Promise<void>): Promise<void> {
    let expire: () => void = () => {};
    const timeout = new Promise<void>((resolve) => (expire = resolve));
    const timer = setTimeout(expire, this.waitForBootMs);
    try {
      await Promise.race([turn, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

// fake-indexeddb ships types for `fake-indexeddb/auto` that its package.json "exports" map does
// not point at, so TypeScript cannot find them for a dynamic import. The module installs an
// in-memory IndexedDB on the global object and exports nothing.
declare module 'fake-indexeddb/auto';

/**
 * A function read from a `.lambdalite.json` file, handed from the Import button to the shared
 * function page (`#share=file`). Kept in memory only: a file may be too big for a URL, and
 * after a reload the user chooses the file again.
 */
import type { SharedFunction } from './shared-function';

export const FILE_PAYLOAD = 'file';

let handedOver: SharedFunction | undefined;

export function handOver(fn: SharedFunction): void {
  handedOver = fn;
}

export function takeHandedOver(): SharedFunction | undefined {
  return handedOver;
}

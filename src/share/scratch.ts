/**
 * How the console recognises the scratch functions a share link's Run creates
 * (`scratch-<6 letters>-<name>`, with SCRATCH_DESCRIPTION): they are the reader's copy of a
 * shared function for the page's life, not workspace functions, so the Functions list and
 * Inside Lambda leave them out. Its own module, with no imports, so those pages do not pull
 * the share code into the console's first download.
 */

/** Marks scratch functions, so that one left behind by a closed tab can be recognised and removed. */
export const SCRATCH_DESCRIPTION = 'Lambdalite scratch copy of a shared function (Run); deleted when its page closes';
export const SCRATCH_PREFIX = 'scratch-';
/** The names ScratchRunner makes: the prefix, up to six base-36 characters (Math.random's string can be shorter), a dash. */
const SCRATCH_NAME = /^scratch-[0-9a-z]{0,6}-/;

/** A function of ListFunctions that is a scratch copy: by its name and its description, so a user's `scratch-…` function stays. */
export function isScratchFunction(fn: { FunctionName?: string | undefined; Description?: string | undefined }): boolean {
  return SCRATCH_NAME.test(fn.FunctionName ?? '') && fn.Description === SCRATCH_DESCRIPTION;
}

/**
 * Which names to hide where only a name is known (an environment, an ended one, a throttle):
 * those shaped like a scratch function's that are not one of the user's listed functions. A
 * scratch function already deleted (its page closed) is no longer listed, but its environments
 * are still reported as ended, and are hidden too.
 */
export function scratchNameFilter(listed: ReadonlyArray<{ FunctionName?: string | undefined; Description?: string | undefined }>): (name: string) => boolean {
  const own = new Set(listed.filter((f) => !isScratchFunction(f)).map((f) => f.FunctionName ?? ''));
  return (name) => SCRATCH_NAME.test(name) && !own.has(name);
}

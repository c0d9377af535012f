/**
 * What a page does when its service worker controller changes. A `controllerchange` comes in
 * three cases, and only one of them is this page's own doing:
 * - the page asked (its "Reload to update" posted SKIP_WAITING): it reloads onto the new version;
 * - the page had no controller (the first visit, claimed by the worker it installed): nothing of
 *   its code changed, so nothing is said;
 * - another tab asked: the new worker claimed this tab too, and this tab's lazily loaded chunks
 *   (Configuration sections, CodeMirror, the share views…) may be gone from the new precache, so
 *   the page says so and offers a reload instead of failing later on a missing file. It does not
 *   reload by itself: the user may have edits that are not deployed.
 */
export type ControllerChangeAction = 'reload' | 'notice' | 'ignore';

export function controllerChangeAction(change: { askedHere: boolean; hadController: boolean }): ControllerChangeAction {
  if (change.askedHere) return 'reload';
  return change.hadController ? 'notice' : 'ignore';
}

/**
 * After "Reload to update", how long to wait for the new worker to take over before reloading
 * anyway. The waiting worker may never answer SKIP_WAITING: another tab activated it a moment
 * before, or a newer deploy replaced it. A reload then loads whichever worker is active, which is
 * what the user asked for; "Reloading…" must never stay on screen.
 */
export const RELOAD_FALLBACK_MS = 3000;

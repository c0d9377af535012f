/**
 * What every component reaches through Svelte context: the control-plane client,
 * the router, notifications and the per-function sessions. Tests and embeds can
 * mount App with their own client.
 */
import { getContext, setContext } from 'svelte';
import type { LambdaliteClient } from '../client/lambda-client';
import type { Notices } from './notices.svelte';
import type { Router } from './router.svelte';
import type { Workspace } from './workspace.svelte';

export interface AppContext {
  client: LambdaliteClient;
  router: Router;
  notices: Notices;
  workspace: Workspace;
}

const KEY = Symbol('lambdalite-app');

export function provideApp(context: AppContext): void {
  setContext(KEY, context);
}

export function useApp(): AppContext {
  const context = getContext<AppContext | undefined>(KEY);
  if (!context) throw new TypeError('useApp() outside <App>');
  return context;
}

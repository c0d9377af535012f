/**
 * Hash routes, shaped like the real console's (`#/functions`, `#/create/function`,
 * `#/functions/<name>?tab=code`), so a reload or a shared URL lands on the same page.
 */
export type FunctionTab = 'code' | 'testing' | 'monitor' | 'logs' | 'configure' | 'aliases' | 'versions';

export type Route =
  | { page: 'functions' }
  | { page: 'create' }
  | { page: 'function'; name: string; tab: FunctionTab }
  | { page: 'layers' }
  | { page: 'layer'; name: string }
  | { page: 'environments' }
  | { page: 'settings' }
  /** A shared function (`#share=<payload>`; `#embed=<payload>` or `?embed` for embed mode). Base64url has no `/`, so it never meets a `#/…` route. */
  | { page: 'share'; payload: string; embed: boolean };

export const FUNCTION_TABS: readonly FunctionTab[] = ['code', 'testing', 'monitor', 'logs', 'configure', 'aliases', 'versions'];
const TABS = FUNCTION_TABS;

function decoded(parts: string[]): string {
  try {
    return decodeURIComponent(parts.join('/'));
  } catch {
    return parts.join('/');
  }
}

export function parseHash(hash: string): Route {
  const shared = /^#?(share|embed)=([^&]*)/.exec(hash);
  if (shared) return { page: 'share', payload: shared[2] ?? '', embed: shared[1] === 'embed' };
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'create' && parts[1] === 'function') return { page: 'create' };
  if (parts[0] === 'layers') return parts[1] ? { page: 'layer', name: decoded(parts.slice(1)) } : { page: 'layers' };
  if (parts[0] === 'environments') return { page: 'environments' };
  if (parts[0] === 'settings') return { page: 'settings' };
  if (parts[0] === 'functions' && parts[1]) {
    const tab = new URLSearchParams(query).get('tab');
    let name: string;
    try {
      name = decodeURIComponent(parts.slice(1).join('/'));
    } catch {
      name = parts.slice(1).join('/');
    }
    return { page: 'function', name, tab: TABS.includes(tab as FunctionTab) ? (tab as FunctionTab) : 'code' };
  }
  return { page: 'functions' };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'functions':
      return '#/functions';
    case 'create':
      return '#/create/function';
    case 'function':
      return `#/functions/${encodeURIComponent(route.name)}?tab=${route.tab}`;
    case 'layers':
      return '#/layers';
    case 'layer':
      return `#/layers/${encodeURIComponent(route.name)}`;
    case 'environments':
      return '#/environments';
    case 'settings':
      return '#/settings';
    case 'share':
      return `#${route.embed ? 'embed' : 'share'}=${route.payload}`;
  }
}

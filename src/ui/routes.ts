/**
 * Hash routes, shaped like the real console's (`#/functions`, `#/create/function`,
 * `#/functions/<name>?tab=code`), so a reload or a shared URL lands on the same page.
 */
export type FunctionTab = 'code' | 'testing' | 'configure';

export type Route =
  | { page: 'functions' }
  | { page: 'create' }
  | { page: 'function'; name: string; tab: FunctionTab };

const TABS: readonly FunctionTab[] = ['code', 'testing', 'configure'];

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'create' && parts[1] === 'function') return { page: 'create' };
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
  }
}

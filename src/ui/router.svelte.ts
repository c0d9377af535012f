import { hrefOf, parseHash, type Route } from './routes';

export { hrefOf, type FunctionTab, type Route } from './routes';

/** The current route, following `hashchange`. */
export class Router {
  route: Route = $state(parseHash(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseHash(location.hash);
    });
  }

  go(route: Route, options: { replace?: boolean } = {}): void {
    const href = hrefOf(route);
    if (options.replace) {
      history.replaceState(null, '', href);
      this.route = parseHash(href);
    } else {
      location.hash = href;
    }
  }
}

/**
 * Routing of the REST-JSON protocol: an operation's `http.requestUri` is a path template with
 * `{Label}` (one segment), `{Label+}` (greedy: the rest of the path) and an optional literal
 * query part (`/2018-10-31/layers?find=LayerVersion`) that a request must carry to match
 * (https://smithy.io/2.0/spec/http-bindings.html#http-trait).
 */
import { LAMBDA_MODEL, type Operation, type ServiceModel } from './model';

type Segment = { literal: string } | { label: string; greedy: boolean };

interface Route {
  operation: Operation;
  method: string;
  segments: Segment[];
  /** Query parameters the URI template fixes, e.g. `find=LayerVersion`. */
  queryLiterals: [string, string][];
  literalCount: number;
}

/** The request target split into its decoded parts. */
export interface ParsedTarget {
  /** Raw (still percent-encoded) path segments. */
  segments: string[];
  /** Decoded query parameters, each with every value it was given, in order. */
  query: Map<string, string[]>;
}

export interface RouteMatch {
  operation: Operation;
  /** Decoded path labels by name. */
  labels: Record<string, string>;
  query: Map<string, string[]>;
}

/** Thrown for a request target that cannot be decoded (a malformed percent escape). */
export class MalformedTargetError extends Error {}

/** A percent-decoded URI component; a malformed escape throws MalformedTargetError. */
export function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    throw new MalformedTargetError(`Malformed percent-encoding in ${component}`);
  }
}

/** Splits `/a/b?x=1&y` into raw segments and decoded query values (`+` is a space, as in forms). */
export function parseTarget(path: string): ParsedTarget {
  const questionMark = path.indexOf('?');
  const pathPart = questionMark < 0 ? path : path.slice(0, questionMark);
  const queryPart = questionMark < 0 ? '' : path.slice(questionMark + 1);
  const segments = pathPart.split('/').slice(1);
  const query = new Map<string, string[]>();
  for (const pair of queryPart.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = decode((equals < 0 ? pair : pair.slice(0, equals)).replaceAll('+', ' '));
    const value = equals < 0 ? '' : decode(pair.slice(equals + 1).replaceAll('+', ' '));
    query.set(key, [...(query.get(key) ?? []), value]);
  }
  return { segments, query };
}

function compile(operation: Operation): Route {
  const [pathTemplate = '', queryTemplate = ''] = operation.http.requestUri.split('?');
  const segments: Segment[] = pathTemplate
    .split('/')
    .slice(1)
    .map((part) => {
      const label = /^\{([^}]+?)(\+?)\}$/.exec(part);
      return label ? { label: label[1] ?? '', greedy: label[2] === '+' } : { literal: part };
    });
  const queryLiterals = queryTemplate
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair): [string, string] => {
      const [key = '', value = ''] = pair.split('=');
      return [key, value];
    });
  const literalCount = segments.filter((segment) => 'literal' in segment).length;
  return { operation, method: operation.http.method, segments, queryLiterals, literalCount };
}

function matchSegments(route: Route, segments: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const template = route.segments[i];
    const actual = segments[i];
    if (template === undefined || actual === undefined) return undefined;
    if ('literal' in template) {
      if (template.literal !== actual) return undefined;
      continue;
    }
    if (template.greedy) {
      const rest = segments.slice(i);
      if (rest.join('') === '') return undefined;
      labels[template.label] = rest.join('/');
      return labels;
    }
    // A label is one non-empty segment; an ARN's colons arrive percent-encoded or not.
    if (actual === '') return undefined;
    labels[template.label] = actual;
  }
  return segments.length === route.segments.length ? labels : undefined;
}

/**
 * Matches requests to the operations of a model. Labels are percent-decoded once matched (a
 * greedy label keeps its `/`); a malformed escape throws MalformedTargetError.
 */
export class Router {
  private readonly routes: Route[];

  constructor(model: ServiceModel = LAMBDA_MODEL) {
    // Most specific first: routes with query literals, then with more literal segments, win.
    this.routes = Object.values(model.operations)
      .map(compile)
      .sort((a, b) => b.queryLiterals.length - a.queryLiterals.length || b.literalCount - a.literalCount);
  }

  /** The operation for `method` and `path`, or undefined when none of the model's routes matches. */
  match(method: string, path: string): RouteMatch | undefined {
    const target = parseTarget(path);
    for (const route of this.routes) {
      if (route.method !== method.toUpperCase()) continue;
      if (!route.queryLiterals.every(([key, value]) => target.query.get(key)?.includes(value))) continue;
      const raw = matchSegments(route, target.segments);
      if (!raw) continue;
      const labels = Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, decode(value)]));
      return { operation: route.operation, labels, query: target.query };
    }
    return undefined;
  }
}

/**
 * An HTTP exchange as plain, structured-cloneable data, so that the same wire module runs
 * in the control-plane worker (requests relayed by the service worker), in Node tests
 * (requests from the real AWS SDK through a custom request handler) and in benchmarks.
 */

/** One HTTP request of the Lambda REST API. */
export interface WireRequest {
  /** Upper-case method: GET, POST, PUT, DELETE. */
  method: string;
  /** Path below the API's root, with its query string, e.g. `/2015-03-31/functions?MaxItems=10`. */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The answer to a WireRequest. */
export interface WireResponse {
  status: number;
  /** Header names as Lambda sends them (e.g. `x-amzn-RequestId`, `X-Amz-Function-Error`). */
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * The Lambda REST API (protocol rest-json, version 2015-03-31) as one pure function: an HTTP
 * request in, an HTTP response out, following the model for every operation. The service worker
 * relays `<origin>/api/*` here; the SDK tests drive it through a custom request handler.
 *
 * Order of the checks, as Lambda's front end makes them: route (404 UnknownOperationException),
 * size of the request (413), reading the input (400 InvalidRequestContentException), the model's
 * constraints (400 ValidationException); only then the operation runs. A rejected request never
 * reaches the control plane, so it changes nothing.
 *
 * Adding an operation needs no code here: put it in ControlPlane's operations table
 * (src/control-plane/provider.ts) under its model name, taking and returning the SDK's shapes;
 * the wire routes, binds, checks and encodes it from the model. The only per-operation code is
 * below: the size limits of Invoke, CreateFunction and UpdateFunctionCode, and the package
 * download behind GetFunction's Code.Location, which is not a model route.
 */
import {
  InvalidRequestContentException,
  LambdaError,
  RequestEntityTooLargeException,
  RequestTooLargeException,
  ServiceException,
  UnknownOperationException,
} from '../domain/errors';
import { newUuid } from '../domain/ids';
import { LIMITS } from '../domain/validation';
import type { ControlPlaneApi, OperationShape } from '../workers/protocol';
import { bindRequest } from './bind';
import { encodeError, encodeResult, requestIdOf } from './encode';
import type { WireRequest, WireResponse } from './http';
import type { Operation } from './model';
import { MalformedTargetError, Router, decode } from './routes';
import { validateInput } from './validate';

/**
 * Whole-request limits Lambda answers with 413 before reading the request: deployment packages
 * uploaded directly are at most 50 MB, which base64 in JSON makes these request sizes
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
 */
const REQUEST_ENTITY_LIMITS: Readonly<Record<string, number>> = {
  CreateFunction: 70_167_211,
  UpdateFunctionCode: 69_905_067,
};

/** Invoke's payload quotas: 6 MB synchronous, 1 MB asynchronous (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html). */
const INVOKE_ASYNC_PAYLOAD_LIMIT = 1024 * 1024;

let router: Router | undefined;

/**
 * GetFunction's Code.Location (and GetLayerVersion's Content.Location) point into the app: on
 * AWS they are presigned S3 URLs; here the package is answered from the store. Not a model
 * route, so it cannot clash with one.
 */
const PACKAGE_DOWNLOAD = /^\/lambdalite\/(code|layers)\/([^/?]+)\/([^/?]+)$/;

/** The internal operation behind each download, and how its two path parts name the package. */
const DOWNLOADS = {
  code: (name: string, qualifier: string) => ['LambdaliteGetFunctionCode', { FunctionName: name, Qualifier: qualifier }] as const,
  layers: (name: string, version: string) =>
    ['LambdaliteGetLayerVersionContent', { LayerName: name, VersionNumber: Number(version) }] as const,
};

async function downloadPackage(
  kind: keyof typeof DOWNLOADS,
  name: string,
  qualifier: string,
  api: Pick<ControlPlaneApi, 'execute'>,
  requestId: string,
): Promise<WireResponse> {
  const [operation, input] = DOWNLOADS[kind](name, qualifier);
  const result = await api.execute(operation, input);
  if (!result.ok) return encodeError(result.error, requestId);
  const zip = result.value['ZipFile'];
  if (!(zip instanceof Uint8Array)) throw new ServiceException('Lambdalite internal error: the package could not be read.');
  return {
    status: 200,
    headers: {
      'x-amzn-RequestId': requestId,
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${name}-${qualifier}.zip"`,
    },
    body: zip,
  };
}

function checkSize(operation: Operation, request: WireRequest): void {
  const size = request.body.byteLength;
  const entityLimit = REQUEST_ENTITY_LIMITS[operation.name];
  if (entityLimit !== undefined && size > entityLimit) {
    throw new RequestEntityTooLargeException(`Request must be smaller than ${entityLimit} bytes for the ${operation.name} operation`);
  }
  if (operation.name === 'Invoke') {
    const limit = request.headers['x-amz-invocation-type'] === 'Event' ? INVOKE_ASYNC_PAYLOAD_LIMIT : LIMITS.syncPayloadMaxBytes;
    if (size > limit) throw new RequestTooLargeException(`Request must be smaller than ${limit} bytes for the InvokeFunction operation`);
  }
}

function asLambdaError(error: unknown): LambdaError {
  if (error instanceof LambdaError) return error;
  if (error instanceof MalformedTargetError) return new InvalidRequestContentException(`Could not parse request: ${error.message}`);
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new ServiceException(`Lambdalite internal error: ${detail}`);
}

/**
 * Answers one request of the Lambda REST API by running its operation on `api`. Never throws:
 * a request Lambda would reject gets Lambda's error, anything unexpected a ServiceException (500).
 * `request.path` is below the API's root, e.g. `/2015-03-31/functions?MaxItems=10`.
 */
export async function handleLambdaHttpRequest(
  request: WireRequest,
  api: Pick<ControlPlaneApi, 'execute'>,
): Promise<WireResponse> {
  let requestId = newUuid();
  try {
    // Header names are case-insensitive (RFC 9110); the bindings look them up in lower case.
    request = { ...request, headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])) };
    const download = request.method === 'GET' ? PACKAGE_DOWNLOAD.exec(request.path.split('?')[0] ?? '') : null;
    if (download) {
      const kind = download[1] === 'layers' ? 'layers' : 'code';
      return await downloadPackage(kind, decode(download[2] ?? ''), decode(download[3] ?? ''), api, requestId);
    }
    router ??= new Router();
    const match = router.match(request.method, request.path);
    if (!match) {
      const path = request.path.split('?')[0] ?? '';
      throw new UnknownOperationException(`Unknown operation: ${request.method} ${path} is not an operation of the Lambda API.`);
    }
    const { operation } = match;
    checkSize(operation, request);
    const input = bindRequest(operation, match, request);
    validateInput(operation, input);
    const result = await api.execute(operation.name, input);
    if (!result.ok) return encodeError(result.error, requestId);
    const value: OperationShape = result.value;
    requestId = requestIdOf(value) ?? requestId;
    return encodeResult(operation, value, requestId);
  } catch (error) {
    return encodeError(asLambdaError(error).toShape(), requestId);
  }
}

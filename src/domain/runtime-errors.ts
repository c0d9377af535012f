/**
 * Error bodies and log lines the Lambda platform (not the runtime) writes.
 * Shapes follow https://docs.aws.amazon.com/lambda/latest/dg/invocation-retries.html and the
 * responses real Lambda returns; the key order is Lambda's.
 */

/** Timeout seconds as Lambda prints them: `1.00`, `3.00`. */
export function formatTimeoutSeconds(timeoutSeconds: number): string {
  return timeoutSeconds.toFixed(2);
}

/** Body of an invocation that ran past its Timeout. */
export function timeoutErrorBody(requestId: string, timeoutSeconds: number): string {
  return JSON.stringify({
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${formatTimeoutSeconds(timeoutSeconds)} seconds`,
  });
}

/** Log line Lambda writes when an invocation times out: `<ISO time> <id> Task timed out after 1.00 seconds`. */
export function timeoutLogLine(isoTime: string, requestId: string, timeoutSeconds: number): string {
  return `${isoTime} ${requestId} Task timed out after ${formatTimeoutSeconds(timeoutSeconds)} seconds`;
}

/** Body of an invocation whose environment ran out of memory (Lambda kills the runtime). */
export function outOfMemoryErrorBody(requestId: string): string {
  return JSON.stringify({
    errorType: 'Runtime.OutOfMemory',
    errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
  });
}

/** Body of an invocation whose runtime process died for another reason. */
export function runtimeExitErrorBody(requestId: string, detail = 'signal: killed'): string {
  return JSON.stringify({
    errorType: 'Runtime.ExitError',
    errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${detail}`,
  });
}

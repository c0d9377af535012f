/**
 * The Python side of the runtime: Lambda's runtime loop for one execution environment,
 * written to /var/runtime/bootstrap.py and imported once per sandbox.
 *
 * It mirrors awslambdaric (aws/aws-lambda-python-runtime-interface-client, awslambdaric/
 * bootstrap.py, lambda_context.py, lambda_runtime_marshaller.py), which is what the real
 * python3.x runtimes run, so handler resolution, error bodies, error log lines, the context
 * object and the logging format match it line for line. What differs is the transport: the
 * host calls `init` and `invoke` directly instead of polling the Runtime API, and log events
 * go to a JS callable instead of the telemetry file descriptor.
 *
 * Kept as a TypeScript string (not `bootstrap.py?raw`) because the Node test sandbox loads
 * the engine through tsx, which has no `?raw`; the file name stays `bootstrap.py` so tracebacks
 * and awslambdaric's frame filter (`"/bootstrap.py" not in filename`) behave as on Lambda.
 * String.raw: no backticks and no dollar-brace in the Python below.
 */
export const BOOTSTRAP_PATH = '/var/runtime/bootstrap.py';
export const BOOTSTRAP_MODULE = '_lambdalite_bootstrap';

/** Imported by name from the bootstrap; see lambda-context-py.ts. */
export { CONTEXT_MODULE, CONTEXT_PATH, CONTEXT_SOURCE } from './lambda-context-py';

export const BOOTSTRAP_SOURCE = String.raw`
import decimal
import importlib
import json
import logging
import math
import os
import re
import secrets
import sys
import time
import traceback
import urllib.error
import urllib.request
import urllib.response

import _lambdalite_context
from _lambdalite_context import LambdaContext

ERROR_LOG_IDENT = "\u00a0"  # awslambdaric indents error log lines with NO-BREAK SPACE
TASK_ROOT = "/var/task"
# Layers, in the order Lambda's Python runtimes put them on sys.path after /var/task
# (https://docs.aws.amazon.com/lambda/latest/dg/python-layers.html#python-layer-paths).
# The site-packages folder follows the function's runtime id (python3.11 looks in
# lib/python3.11), which can be older than the interpreter that runs it here.
def _layer_paths():
    runtime = os.environ.get("AWS_EXECUTION_ENV", "").rpartition("_python")[2]
    version = runtime if runtime else "{}.{}".format(sys.version_info[0], sys.version_info[1])
    return ("/opt/python/lib/python{}/site-packages".format(version), "/opt/python")


NETWORK_OFF_MESSAGE = (
    'Network access is off for this function. Turn on "Allow network access" in its '
    "configuration to use fetch, pyodide.http or urllib (Lambdalite)."
)

LAMBDA_WARNING_UNHANDLED = (
    "LAMBDA_WARNING: "
    "Unhandled exception. "
    "The most likely cause is an issue in the function code. "
    "However, in rare cases, a Lambda runtime update can cause unexpected function behavior. "
    "For functions using managed runtimes, runtime updates can be triggered by a function change, or can be applied automatically. "
    "To determine if the runtime has been updated, check the runtime version in the INIT_START log entry. "
    "If this error correlates with a change in the runtime version, you may be able to mitigate this error by temporarily rolling back to the previous runtime version. "
    "For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html"
)


class FaultException(Exception):
    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

    def __init__(self, exception_type, msg, trace=None):
        self.msg = msg
        self.exception_type = exception_type
        self.trace = trace


# ---- the host's callables, set by install() --------------------------------------------
_emit = None  # emit(message: str): one CloudWatch log event
_memory_exceeded = None  # memory_exceeded() -> bool: the heap hit MemorySize

_handler = None
_allow_network = False
_GLOBAL_AWS_REQUEST_ID = None
_GLOBAL_TENANT_ID = None


class _LogSink:
    """One log event per call, as awslambdaric's FramedTelemetryLogSink writes frames."""

    def log(self, msg, frame_type=None):
        _emit(msg[:-1] if msg.endswith("\n") else msg)

    def log_error(self, message_lines):
        _emit("\n".join(message_lines))


_log_sink = _LogSink()


class Unbuffered(object):
    """awslambdaric makes stdout/stderr unbuffered so print output interleaves with logging."""

    def __init__(self, stream):
        self.stream = stream

    def __getattr__(self, attr):
        return getattr(self.stream, attr)

    def write(self, msg):
        n = self.stream.write(msg)
        self.stream.flush()
        return n

    def writelines(self, msgs):
        self.stream.writelines(msgs)
        self.stream.flush()


# ---- logging, as awslambdaric's _setup_logging (text format) ------------------------------
class LambdaLoggerHandler(logging.Handler):
    def __init__(self, log_sink):
        logging.Handler.__init__(self)
        self.log_sink = log_sink

    def emit(self, record):
        msg = self.format(record)
        self.log_sink.log(msg)


class LambdaLoggerFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _GLOBAL_AWS_REQUEST_ID or ""
        record.tenant_id = _GLOBAL_TENANT_ID
        return True


def _get_log_level_from_env_var(log_level):
    return {None: "", "TRACE": "DEBUG"}.get(log_level, log_level).upper()


def _setup_logging():
    logging.Formatter.converter = time.gmtime
    logger = logging.getLogger()
    for old in list(logger.handlers):
        logger.removeHandler(old)
    logger.setLevel(logging.WARNING)
    handler = LambdaLoggerHandler(_log_sink)
    handler.setFormatter(
        logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
            "%Y-%m-%dT%H:%M:%S",
        )
    )
    log_level = _get_log_level_from_env_var(os.environ.get("AWS_LAMBDA_LOG_LEVEL"))
    if log_level in logging._nameToLevel:
        logger.setLevel(log_level)
    handler.addFilter(LambdaLoggerFilter())
    logger.addHandler(handler)


# ---- errors, as awslambdaric's make_error / log_error / build_fault_result ----------------
def make_error(error_message, error_type, stack_trace, invoke_id=None):
    return {
        "errorMessage": error_message if error_message else "",
        "errorType": error_type if error_type else "",
        "requestId": invoke_id if invoke_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def replace_line_indentation(line, indent_char, new_indent_char):
    count = 0
    for c in line:
        if c != indent_char:
            break
        count += 1
    return (new_indent_char * count) + line[count:]


def log_error(error_result):
    error_description = "[ERROR]"
    error_result_type = error_result.get("errorType")
    if error_result_type:
        error_description += " " + error_result_type
    error_result_message = error_result.get("errorMessage")
    if error_result_message:
        if error_result_type:
            error_description += ":"
        error_description += " " + error_result_message
    lines = [error_description]
    stack_trace = error_result.get("stackTrace")
    if stack_trace is not None:
        lines += ["Traceback (most recent call last):"]
        for element in stack_trace:
            if element == "":
                lines += [""]
            else:
                for trace_line in element.splitlines():
                    lines += [replace_line_indentation(trace_line, " ", ERROR_LOG_IDENT)]
    _log_sink.log_error(lines)


# Pyodide's standard library is a zip at /lib/python3XY.zip; Lambda's is /var/lang/lib/python3.X.
_STDLIB_ZIP = "/lib/python{}{}.zip/".format(sys.version_info[0], sys.version_info[1])
_LAMBDA_STDLIB = "/var/lang/lib/python{}.{}/".format(sys.version_info[0], sys.version_info[1])


def _user_frames(tb):
    frames = [
        (f.filename.replace(_STDLIB_ZIP, _LAMBDA_STDLIB, 1), f.lineno, f.name, f.line)
        for f in traceback.extract_tb(tb)
    ]
    for i in range(len(frames)):
        if "/bootstrap.py" not in frames[i][0]:
            return frames[i:]
    return frames


def build_fault_result(exc_info, msg, invoke_id=None):
    etype, value, tb = exc_info
    return make_error(
        msg if msg else str(value),
        etype.__name__,
        traceback.format_list(_user_frames(tb)),
        invoke_id,
    )


def to_json(obj):
    return json.dumps(obj)


# ---- marshalling, as awslambdaric's LambdaMarshaller (simplejson, use_decimal=False) -----
# simplejson writes a Decimal as its raw digits (RawJSON(str(d))); the standard json module
# cannot, so Decimals are written as a marked string and unquoted afterwards.
_RAW_MARK = "@@lambdalite-raw-" + secrets.token_hex(8) + "@@"
_RAW_RE = re.compile('"' + re.escape(_RAW_MARK) + "(.*?)" + re.escape(_RAW_MARK) + '"')


class _Encoder(json.JSONEncoder):
    def default(self, obj):
        if isinstance(obj, decimal.Decimal):
            if obj.is_nan():
                return math.nan
            return _RAW_MARK + str(obj) + _RAW_MARK
        return super().default(obj)


_encoder = _Encoder()


def _marshal_response(response):
    if isinstance(response, bytes):
        return response.decode("utf-8", "replace")
    try:
        text = _encoder.encode(response)
    except Exception as e:
        raise FaultException(
            FaultException.MARSHAL_ERROR, "Unable to marshal response: {}".format(str(e)), None
        )
    return _RAW_RE.sub(lambda m: m.group(1), text) if _RAW_MARK in text else text


def _unmarshal_request(payload):
    try:
        return json.loads(payload)
    except Exception as e:
        raise FaultException(
            FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(str(e)), None
        )


def _parse_json_header(header, name):
    try:
        return json.loads(header)
    except Exception as e:
        raise FaultException(
            FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR,
            "Unable to parse {} JSON: {}".format(name, str(e)),
            None,
        )


# ---- handler resolution, as awslambdaric's _get_handler ----------------------------------
def _get_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(
            FaultException.MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, str(e))
        )
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(
                FaultException.BUILT_IN_MODULE_CONFLICT,
                "Cannot use built-in module {} as a handler module".format(modname),
            )
        m = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(
            FaultException.IMPORT_MODULE_ERROR,
            "Unable to import module '{}': {}".format(modname, str(e)),
        )
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(
            FaultException.USER_CODE_SYNTAX_ERROR,
            "Syntax error in module '{}': {}".format(modname, str(e)),
            trace,
        )
    try:
        return getattr(m, fname)
    except AttributeError:
        raise FaultException(
            FaultException.HANDLER_NOT_FOUND,
            "Handler '{}' missing on module '{}'".format(fname, modname),
            None,
        )


# ---- the network: only through the browser's fetch/XHR, and only when the function allows it
def _xhr_open(req):
    """urllib's http(s)_open over a synchronous XMLHttpRequest (allowed in workers)."""
    if not _allow_network:
        raise urllib.error.URLError(NETWORK_OFF_MESSAGE)
    import email.parser
    import io
    import js
    from pyodide.ffi import to_js

    xhr_class = getattr(js, "XMLHttpRequest", None)
    if xhr_class is None:
        raise urllib.error.URLError("urllib needs XMLHttpRequest, which this host does not have")
    xhr = xhr_class.new()
    try:
        xhr.open(req.get_method(), req.full_url, False)
        xhr.responseType = "arraybuffer"
        for name, value in req.header_items():
            if name.lower() not in ("host", "connection", "content-length", "user-agent", "accept-encoding"):
                xhr.setRequestHeader(name, value)
        xhr.send(to_js(req.data) if req.data is not None else None)
    except Exception as e:
        raise urllib.error.URLError(str(e))
    if xhr.status == 0:
        raise urllib.error.URLError("the request failed (network error or the server does not allow CORS)")
    body = bytes(js.Uint8Array.new(xhr.response).to_py()) if xhr.response else b""
    headers = email.parser.Parser().parsestr(str(xhr.getAllResponseHeaders()), headersonly=True)
    response = urllib.response.addinfourl(io.BytesIO(body), headers, req.full_url, xhr.status)
    response.msg = str(xhr.statusText)
    return response


def _sockets_off(*args, **kwargs):
    if not _allow_network:
        raise OSError(NETWORK_OFF_MESSAGE)
    raise OSError("Sockets are not available in Lambdalite: use urllib.request or pyodide.http.pyfetch")


def _install_network():
    import http.client
    import socket

    urllib.request.HTTPHandler.http_open = lambda self, req: _xhr_open(req)
    urllib.request.HTTPSHandler.https_open = lambda self, req: _xhr_open(req)
    http.client.HTTPConnection.connect = _sockets_off
    socket.create_connection = _sockets_off


# ---- asyncio.run() in a handler, as on Lambda where no event loop is running --------------
class _SleepSelector(object):
    """What BaseEventLoop asks of a selector, without sockets: nothing but timers can wake
    this loop (Emscripten has no socketpair for the standard selector loop's self-pipe)."""

    def select(self, timeout=None):
        if timeout is None:
            raise RuntimeError(
                "The event loop would wait forever: without WebAssembly stack switching (JSPI) "
                "asyncio.run() cannot await JavaScript promises (such as pyodide.http.pyfetch) in Lambdalite"
            )
        if timeout > 0:
            time.sleep(timeout)
        return []

    def close(self):
        pass


def _timer_loop():
    import asyncio.base_events

    class TimerEventLoop(asyncio.base_events.BaseEventLoop):
        def __init__(self):
            super().__init__()
            self._selector = _SleepSelector()

        def _process_events(self, event_list):
            pass

        def _write_to_self(self):
            pass

    return TimerEventLoop()


_original_asyncio_run = None


def _asyncio_run(main, *, debug=None, loop_factory=None):
    """asyncio.run() as a handler on Lambda uses it, where no event loop is running.

    Pyodide's WebLoop always counts as running (a new one marks itself running), so the
    standard asyncio.run() refuses to start. Where Pyodide can block on a promise (JSPI and a
    promising call: Chromium), the coroutine runs to completion on the WebLoop, so it can await
    JavaScript (pyodide.http.pyfetch). Elsewhere it runs on a timers-only loop, with the WebLoop
    hidden meanwhile: enough for pure asyncio code, not for awaiting JavaScript."""
    import asyncio.events as events
    from pyodide.ffi import can_run_sync

    if loop_factory is None and can_run_sync():
        import asyncio

        loop = events._get_running_loop() or asyncio.get_event_loop()
        return loop.run_until_complete(main)
    running = events._get_running_loop()
    events._set_running_loop(None)
    try:
        return _original_asyncio_run(main, debug=debug, loop_factory=loop_factory or _timer_loop)
    finally:
        events._set_running_loop(running)


def _install_asyncio_run():
    global _original_asyncio_run
    import asyncio
    import asyncio.runners

    if _original_asyncio_run is None:
        _original_asyncio_run = asyncio.runners.run
    asyncio.run = _asyncio_run
    asyncio.runners.run = _asyncio_run


# ---- the environment's lifecycle ----------------------------------------------------------
_pristine = None  # (modules, environ) before the first Init, so a new Init starts clean
_initialized = False  # a sandbox of the pool has one Init; only tests init again


def install(emit, memory_exceeded):
    """Called once at boot: wire the host's callables and Lambda's stdout/stderr."""
    global _emit, _memory_exceeded, _pristine
    _emit = emit
    _memory_exceeded = memory_exceeded
    _lambdalite_context.log_sink = _log_sink
    sys.stdout = Unbuffered(sys.stdout)
    sys.stderr = Unbuffered(sys.stderr)
    # The sandbox's clock is UTC (utc-clock.ts); Emscripten names that zone "UTC-0000".
    time.tzname = ("UTC", "UTC")
    _install_network()
    _install_asyncio_run()
    _pristine = (set(sys.modules), dict(os.environ))


def _reset_user_state():
    """Forget a previous Init's modules and variables (the pool never re-inits; tests do)."""
    import gc
    import warnings

    modules, environ = _pristine
    for name in [n for n in sys.modules if n not in modules]:
        del sys.modules[name]
    os.environ.clear()
    os.environ.update(environ)
    sys.path[:] = [path for path in sys.path if path != TASK_ROOT and not path.startswith("/opt/python")]
    sys.path_importer_cache.clear()
    importlib.invalidate_caches()
    # The previous environment's garbage (a coroutine never awaited...) must not warn into this one's log.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gc.collect()


def init(handler_name, environment_json, allow_network=False):
    """Lambda's Init phase: environment, logging, then import the handler's module.

    Returns (ok, errorType, errorBody JSON)."""
    global _handler, _allow_network, _initialized, _GLOBAL_AWS_REQUEST_ID, _GLOBAL_TENANT_ID
    if _initialized:
        _reset_user_state()
    _initialized = True
    _handler = None
    _allow_network = bool(allow_network)
    _GLOBAL_AWS_REQUEST_ID = None
    _GLOBAL_TENANT_ID = None
    os.environ.update(json.loads(environment_json))
    os.chdir(TASK_ROOT)
    sys.path[0:0] = [TASK_ROOT, *_layer_paths()]
    try:
        _setup_logging()
        _handler = _get_handler(handler_name)
    except Exception as e:
        if isinstance(e, FaultException):
            error_result = make_error(e.msg, e.exception_type, e.trace)
        else:
            error_result = build_fault_result(sys.exc_info(), None)
        if _memory_exceeded():
            return (False, "Runtime.OutOfMemory", "")
        logging.warning(LAMBDA_WARNING_UNHANDLED)
        log_error(error_result)
        return (False, error_result["errorType"], to_json(error_result))
    finally:
        _flush()
    return (True, None, None)


def invoke(invoke_id, event_body, deadline_ms, invoked_function_arn, client_context_json):
    """One invocation, as awslambdaric's handle_event_request.

    Returns (status, payload JSON, errorType). KeyboardInterrupt (the deadline's interrupt)
    and SystemExit pass through to the host, as they end the runtime process on Lambda."""
    global _GLOBAL_AWS_REQUEST_ID
    _GLOBAL_AWS_REQUEST_ID = invoke_id
    error_result = None
    try:
        client_context = None
        if client_context_json:
            client_context = _parse_json_header(client_context_json, "Client Context")
        context = LambdaContext(invoke_id, client_context, None, deadline_ms, invoked_function_arn, None)
        event = _unmarshal_request(event_body)
        # Pyodide installs its own asyncio.run when it starts its event loop (webloop.py
        # _initialize_event_loop), possibly after install(): ours goes back in before each call.
        _install_asyncio_run()
        response = _handler(event, context)
        result = _marshal_response(response)
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace, invoke_id)
    except Exception:
        etype, value, tb = sys.exc_info()
        error_result = make_error(
            str(value), etype.__name__, traceback.format_list(_user_frames(tb)), invoke_id
        )
    finally:
        _flush()
    if error_result is not None:
        if _memory_exceeded() or error_result["errorType"] == "MemoryError":
            # On Lambda the kernel kills the runtime before it can report the error.
            return ("error", "", "Runtime.OutOfMemory")
        log_error(error_result)
        return ("error", to_json(error_result), error_result["errorType"])
    return ("success", result, None)


def _flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
`;

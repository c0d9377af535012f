/**
 * Guest source (runs inside QuickJS): a port of the parts of Node's `util.inspect` and
 * `util.format` that `console.*` output depends on, so log lines read as they do in
 * Lambda (`{ a: 1 }`, `[ 1, 2, 3 ]`, `'quoted'` strings inside objects, `[Object]` past
 * depth 2, Node's 80-column line breaking and array grouping).
 * Reference: Node's lib/internal/util/inspect.js (formatValue, reduceToSingleString,
 * groupArrayElements, formatWithOptions).
 *
 * Written as a plain string (String.raw: no template literals or `${` inside) because it
 * is evaluated by QuickJS, not bundled. It defines `inspect`, `format` and `v8Stack` in the
 * scope of the bootstrap function it is spliced into (see bootstrap.ts).
 */
export const INSPECT_JS = String.raw`
var kObjectType = 0, kArrayType = 1, kArrayExtrasType = 2;
var identifierRe = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
var nodeErrorMark = Symbol('lambdalite.nodeError');

/** Node's error.stack: header line then frames (QuickJS's stack holds frames only). */
function v8Stack(err) {
  var stack = '';
  try { stack = typeof err.stack === 'string' ? err.stack : ''; } catch (e) { stack = ''; }
  var name, message;
  try { name = String(err.name); } catch (e) { name = 'Error'; }
  try { message = String(err.message); } catch (e) { message = ''; }
  var header = err[nodeErrorMark] ? name + ' [' + err.code + ']' : name;
  if (message) header += ': ' + message;
  if (stack.indexOf(header) === 0) return stack.replace(/\n$/, '').replace(/^( +at )<anonymous> \((.*)\)$/gm, '$1$2');
  // V8 prints an anonymous function's frame as the bare location: '    at /var/task/index.js:2:24'.
  var frames = stack.replace(/\n+$/, '').replace(/^( +at )<anonymous> \((.*)\)$/gm, '$1$2');
  return frames ? header + '\n' + frames : header;
}

function strEscape(str) {
  var quote = "'";
  if (str.indexOf("'") !== -1) {
    if (str.indexOf('"') === -1) quote = '"';
    else if (str.indexOf(String.fromCharCode(96)) === -1) quote = String.fromCharCode(96);
  }
  var out = '';
  for (var i = 0; i < str.length; i++) {
    var c = str[i], code = str.charCodeAt(i);
    if (c === quote || c === '\\') out += '\\' + c;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (c === '\v') out += '\\v';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + (code < 16 ? '0' : '') + code.toString(16).toUpperCase();
    else out += c;
  }
  return quote + out + quote;
}

function formatNumber(n) { return Object.is(n, -0) ? '-0' : String(n); }

function formatPrimitive(ctx, value) {
  switch (typeof value) {
    case 'string':
      if (value.length > 16 && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
        return value.split(/(?<=\n)/).map(strEscape).join(' +\n' + ' '.repeat(ctx.indentationLvl + 2));
      }
      return strEscape(value);
    case 'number': return formatNumber(value);
    case 'bigint': return String(value) + 'n';
    case 'boolean': return String(value);
    case 'undefined': return 'undefined';
    default: return value.toString(); // symbol
  }
}

function getConstructorName(obj) {
  var o = obj;
  while (o !== null && o !== undefined) {
    var desc = Object.getOwnPropertyDescriptor(o, 'constructor');
    if (desc !== undefined && typeof desc.value === 'function' && desc.value.name !== '') return desc.value.name;
    o = Object.getPrototypeOf(o);
  }
  return null;
}

function getPrefix(constructor, tag, fallback, size) {
  var sizeStr = size === undefined ? '' : '(' + size + ')';
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return '[' + fallback + sizeStr + ': null prototype] [' + tag + '] ';
    return '[' + fallback + sizeStr + ': null prototype] ';
  }
  if (tag !== '' && constructor !== tag) return constructor + sizeStr + ' [' + tag + '] ';
  return constructor + sizeStr + ' ';
}

function formatKey(key) {
  if (typeof key === 'symbol') return '[' + key.toString() + ']';
  if (identifierRe.test(key)) return key;
  return strEscape(key);
}

function formatProperty(ctx, value, recurseTimes, key, type) {
  var desc = Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
  var str;
  if (desc.value !== undefined || !('get' in desc || 'set' in desc)) {
    ctx.indentationLvl += 2;
    str = formatValue(ctx, desc.value, recurseTimes);
    ctx.indentationLvl -= 2;
  } else if (desc.get !== undefined) {
    str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
  } else {
    str = desc.set !== undefined ? '[Setter]' : 'undefined';
  }
  if (type === kArrayExtrasType) return str;
  var name = formatKey(key);
  if (desc.enumerable === false) name = '[' + name + ']';
  return name + ': ' + str;
}

function formatArrayLike(ctx, value, recurseTimes, length) {
  var output = [];
  var max = Math.min(ctx.maxArrayLength, length);
  var holes = 0;
  for (var i = 0; i < max; i++) {
    if (!Object.prototype.hasOwnProperty.call(value, i)) { holes++; continue; }
    if (holes > 0) { output.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>'); holes = 0; }
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayExtrasType));
  }
  if (holes > 0) output.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
  if (length > max) output.push('... ' + (length - max) + ' more item' + (length - max > 1 ? 's' : ''));
  return output;
}

function groupArrayElements(ctx, output, value) {
  var totalLength = 0, maxLength = 0, i = 0;
  var outputLength = output.length;
  if (ctx.maxArrayLength < output.length) outputLength--;
  var separatorSpace = 2;
  var dataLen = new Array(outputLength);
  for (; i < outputLength; i++) {
    var len = output[i].length;
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  var actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
    var averageBias = Math.sqrt(actualMax - totalLength / output.length);
    var biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    var columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4,
      15);
    if (columns <= 1) return output;
    var tmp = [], maxLineLength = [];
    for (i = 0; i < columns; i++) {
      var lineLength = 0;
      for (var j = i; j < output.length; j += columns) if (dataLen[j] > lineLength) lineLength = dataLen[j];
      maxLineLength.push(lineLength + separatorSpace);
    }
    var padStart = true;
    if (value !== undefined) {
      for (i = 0; i < output.length; i++) {
        if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') { padStart = false; break; }
      }
    }
    for (i = 0; i < outputLength; i += columns) {
      var max = Math.min(i + columns, outputLength);
      var str = '';
      var k = i;
      for (; k < max - 1; k++) {
        var cell = output[k] + ', ';
        str += padStart ? cell.padStart(maxLineLength[k - i], ' ') : cell.padEnd(maxLineLength[k - i], ' ');
      }
      str += padStart ? output[k].padStart(maxLineLength[k - i] - separatorSpace, ' ') : output[k];
      tmp.push(str);
    }
    if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
    output = tmp;
  }
  return output;
}

function isBelowBreakLength(ctx, output, start, base) {
  var totalLength = output.length + start;
  if (totalLength + output.length > ctx.breakLength) return false;
  for (var i = 0; i < output.length; i++) {
    totalLength += output[i].length;
    if (totalLength > ctx.breakLength) return false;
  }
  return base === '' || base.indexOf('\n') === -1;
}

function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  var entries = output.length;
  if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
  if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
    var start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    if (isBelowBreakLength(ctx, output, start, base)) {
      var joined = output.join(', ');
      if (joined.indexOf('\n') === -1) {
        return (base ? base + ' ' : '') + braces[0] + ' ' + joined + ' ' + braces[1];
      }
    }
  }
  var indentation = '\n' + ' '.repeat(ctx.indentationLvl);
  return (base ? base + ' ' : '') + braces[0] + indentation + '  ' + output.join(',' + indentation + '  ') + indentation + braces[1];
}

function formatError(err, constructor, tag, ctx, keys) {
  var stack = v8Stack(err);
  var name = String(err.name || 'Error');
  // Node adds the class name when it is not in the stack's first line, e.g. custom classes.
  if (constructor !== null && constructor !== name && stack.indexOf(constructor) === -1 && stack.indexOf(name) === 0) {
    stack = constructor + ' [' + name + ']' + stack.slice(name.length);
  }
  var idx = keys.indexOf('stack'); if (idx !== -1) keys.splice(idx, 1);
  idx = keys.indexOf('message'); if (idx !== -1 && err.message !== undefined && stack.indexOf(String(err.message)) !== -1) keys.splice(idx, 1);
  if (ctx.indentationLvl !== 0) {
    var pad = ' '.repeat(ctx.indentationLvl);
    stack = stack.split('\n').join('\n' + pad);
  }
  return stack;
}

function functionBase(value, constructor, tag) {
  var src = Function.prototype.toString.call(value);
  if (src.slice(0, 5) === 'class' && /^class(\s|\{)/.test(src)) {
    var n = value.name ? 'class ' + value.name : 'class (anonymous)';
    var sup = Object.getPrototypeOf(value);
    if (sup && sup.name) n += ' extends ' + sup.name;
    return '[' + n + ']';
  }
  var type = constructor || 'Function';
  var base = '[' + type;
  if (constructor === null) base += ' (null prototype)';
  base += value.name === '' ? ' (anonymous)' : ': ' + value.name;
  base += ']';
  if (constructor !== type && constructor !== null) base += ' ' + constructor;
  if (tag !== '' && constructor !== tag) base += ' [' + tag + ']';
  return base;
}

function ownKeys(value, showHidden) {
  var keys = showHidden ? Object.getOwnPropertyNames(value) : Object.keys(value);
  var symbols = Object.getOwnPropertySymbols(value);
  for (var i = 0; i < symbols.length; i++) {
    if (showHidden || Object.prototype.propertyIsEnumerable.call(value, symbols[i])) keys.push(symbols[i]);
  }
  return keys;
}

var inspectCustom = Symbol.for('nodejs.util.inspect.custom');
function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(ctx, value);
  if (value === null) return 'null';
  // A value's own [util.inspect.custom](depth, options, inspect) decides its form (Buffer's <Buffer ..>).
  var custom = ctx.customInspect === false ? undefined : value[inspectCustom];
  if (typeof custom === 'function' && custom !== inspect) {
    var depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
    var shown = custom.call(value, depth, Object.assign({}, ctx, { seen: undefined }), inspect);
    if (shown !== value) {
      if (typeof shown !== 'string') return formatValue(ctx, shown, recurseTimes);
      return shown.split('\n').join('\n' + ' '.repeat(ctx.indentationLvl));
    }
  }
  if (ctx.seen.indexOf(value) !== -1) {
    var index = 1;
    if (ctx.circular === undefined) { ctx.circular = new Map(); ctx.circular.set(value, index); }
    else {
      index = ctx.circular.get(value);
      if (index === undefined) { index = ctx.circular.size + 1; ctx.circular.set(value, index); }
    }
    return '[Circular *' + index + ']';
  }
  return formatRaw(ctx, value, recurseTimes, typedArray);
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
  var keys;
  var constructor = getConstructorName(value);
  var tag = value[Symbol.toStringTag];
  if (typeof tag !== 'string') tag = '';
  var base = '', formatter = null, braces, noIterator = true, extrasType = kObjectType, i = 0;
  var output;
  keys = ownKeys(value, ctx.showHidden);

  if (Array.isArray(value)) {
    var prefix = (constructor !== 'Array' || tag !== '') ? getPrefix(constructor, tag, 'Array', value.length) : '';
    keys = keys.filter(function (k) { return typeof k === 'symbol' || !/^(0|[1-9][0-9]*)$/.test(k) || Number(k) >= value.length; });
    braces = [prefix + '[', ']'];
    if (value.length === 0 && keys.length === 0) return braces[0] + ']';
    extrasType = kArrayExtrasType;
    formatter = function () { return formatArrayLike(ctx, value, recurseTimes, value.length); };
  } else if (value instanceof Set) {
    var setPrefix = getPrefix(constructor, tag, 'Set', value.size);
    if (value.size === 0 && keys.length === 0) return setPrefix + '{}';
    braces = [setPrefix + '{', '}'];
    formatter = function () {
      var out = [];
      ctx.indentationLvl += 2;
      value.forEach(function (v) { out.push(formatValue(ctx, v, recurseTimes)); });
      ctx.indentationLvl -= 2;
      return out;
    };
  } else if (value instanceof Map) {
    var mapPrefix = getPrefix(constructor, tag, 'Map', value.size);
    if (value.size === 0 && keys.length === 0) return mapPrefix + '{}';
    braces = [mapPrefix + '{', '}'];
    formatter = function () {
      var out = [];
      ctx.indentationLvl += 2;
      value.forEach(function (v, k) { out.push(formatValue(ctx, k, recurseTimes) + ' => ' + formatValue(ctx, v, recurseTimes)); });
      ctx.indentationLvl -= 2;
      return out;
    };
  } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    var taName = constructor || tag || 'TypedArray';
    var taPrefix = getPrefix(constructor, tag, taName, value.length);
    keys = keys.filter(function (k) { return typeof k === 'symbol' || !/^(0|[1-9][0-9]*)$/.test(k); });
    braces = [taPrefix + '[', ']'];
    if (value.length === 0 && keys.length === 0) return braces[0] + ']';
    extrasType = kArrayExtrasType;
    formatter = function () {
      var out = [];
      var max = Math.min(ctx.maxArrayLength, value.length);
      for (var j = 0; j < max; j++) out.push(typeof value[j] === 'bigint' ? value[j] + 'n' : formatNumber(value[j]));
      if (value.length > max) out.push('... ' + (value.length - max) + ' more item' + (value.length - max > 1 ? 's' : ''));
      return out;
    };
  } else {
    noIterator = true;
    braces = ['{', '}'];
    if (typeof value === 'function') {
      base = functionBase(value, constructor, tag);
      keys = keys.filter(function (k) { return k !== 'prototype'; });
      if (keys.length === 0) return base;
    } else if (constructor === 'Object' && tag === '') {
      if (keys.length === 0) return '{}';
    } else if (value instanceof RegExp) {
      base = RegExp.prototype.toString.call(value);
      if (keys.length === 0) return base;
    } else if (value instanceof Date) {
      base = isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
      if (keys.length === 0) return base;
    } else if (value instanceof Error) {
      base = formatError(value, constructor, tag, ctx, keys);
      if (keys.length === 0) return base;
    } else if (value instanceof Promise) {
      braces[0] = getPrefix(constructor, tag, 'Promise') + '{';
      formatter = function () { return ['<unknown>']; };
    } else if (value instanceof ArrayBuffer) {
      var bytes = new Uint8Array(value);
      var hex = [];
      for (var b = 0; b < Math.min(50, bytes.length); b++) hex.push((bytes[b] < 16 ? '0' : '') + bytes[b].toString(16));
      var contents = '<' + hex.join(' ') + (bytes.length > 50 ? ' ... ' + (bytes.length - 50) + ' more byte' + (bytes.length - 50 > 1 ? 's' : '') : '') + '>';
      braces[0] = getPrefix(constructor, tag, 'ArrayBuffer') + '{';
      formatter = function () { return ['[Uint8Contents]: ' + contents, 'byteLength: ' + value.byteLength]; };
    } else if (value instanceof Number || value instanceof String || value instanceof Boolean ||
               (typeof BigInt === 'function' && value instanceof BigInt) || value instanceof Symbol) {
      var prim = value.valueOf();
      var primType = typeof prim === 'string' ? 'String' : typeof prim === 'number' ? 'Number' : typeof prim === 'boolean' ? 'Boolean' : typeof prim === 'bigint' ? 'BigInt' : 'Symbol';
      base = '[' + primType + (constructor !== primType ? (constructor === null ? ' (null prototype)' : ' (' + constructor + ')') : '') + ': ' + formatPrimitive({ breakLength: Infinity, indentationLvl: 0 }, prim) + ']';
      if (typeof prim === 'string') keys = keys.filter(function (k) { return typeof k === 'symbol' || !/^(0|[1-9][0-9]*)$/.test(k) && k !== 'length'; });
      if (keys.length === 0) return base;
    } else if (value instanceof WeakMap || value instanceof WeakSet) {
      return getPrefix(constructor, tag, value instanceof WeakMap ? 'WeakMap' : 'WeakSet') + '{ <items unknown> }';
    } else {
      braces[0] = getPrefix(constructor, tag, 'Object') + '{';
      if (keys.length === 0) return braces[0] + '}';
    }
  }

  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    var cname = (constructor || tag || 'Object');
    if (Array.isArray(value)) cname = 'Array';
    return '[' + cname + ']';
  }
  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  output = formatter ? formatter() : [];
  for (i = 0; i < keys.length; i++) output.push(formatProperty(ctx, value, recurseTimes, keys[i], kObjectType));
  ctx.seen.pop();
  if (ctx.circular !== undefined) {
    var ref = ctx.circular.get(value);
    if (ref !== undefined) {
      var reference = '<ref *' + ref + '>';
      if (base === '') braces[0] = reference + ' ' + braces[0];
      else base = reference + ' ' + base;
    }
  }
  return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
}

/** util.inspect(value, opts) with Node's defaults (depth 2, breakLength 80, compact 3). */
function inspect(value, opts) {
  var ctx = {
    seen: [], circular: undefined, indentationLvl: 0, currentDepth: 0,
    depth: 2, breakLength: 80, compact: 3, maxArrayLength: 100, showHidden: false,
  };
  if (opts) for (var k in opts) ctx[k] = opts[k];
  return formatValue(ctx, value, 0);
}

function hasBuiltInToString(value) {
  var o = value;
  while (o !== null && o !== undefined) {
    if (Object.prototype.hasOwnProperty.call(o, 'toString')) {
      var c = Object.getOwnPropertyDescriptor(o, 'constructor');
      return o === Object.prototype || o === Error.prototype || o === Array.prototype || o === Date.prototype ||
        (c !== undefined && typeof c.value === 'function' && /\[native code\]/.test(Function.prototype.toString.call(c.value)) && o === c.value.prototype);
    }
    o = Object.getPrototypeOf(o);
  }
  return true;
}

function tryStringify(v) {
  try { return JSON.stringify(v); } catch (e) {
    if (e instanceof TypeError && /circular/i.test(String(e.message))) return '[Circular]';
    throw e;
  }
}

/** util.format(...args): printf-style %s %d %i %f %j %o %O %c %% then the rest inspected, joined by spaces. */
function format() {
  var args = arguments;
  var first = args[0];
  var a = 0, str = '', join = '';
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    var lastPos = 0, tempStr;
    for (var i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue; // '%'
      var next = first.charCodeAt(++i);
      if (a + 1 !== args.length) {
        switch (next) {
          case 115: { // s
            var arg = args[++a];
            if (typeof arg === 'number') tempStr = formatNumber(arg);
            else if (typeof arg === 'bigint') tempStr = arg + 'n';
            else if (typeof arg !== 'object' || arg === null || !hasBuiltInToString(arg)) tempStr = String(arg);
            else tempStr = inspect(arg, { depth: 0, compact: 3 });
            break;
          }
          case 106: tempStr = tryStringify(args[++a]); break; // j
          case 100: { // d
            var n = args[++a];
            tempStr = typeof n === 'bigint' ? n + 'n' : typeof n === 'symbol' ? 'NaN' : formatNumber(Number(n));
            break;
          }
          case 79: tempStr = inspect(args[++a]); break; // O
          case 111: tempStr = inspect(args[++a], { showHidden: true, depth: 4 }); break; // o
          case 105: { // i
            var ni = args[++a];
            tempStr = typeof ni === 'bigint' ? ni + 'n' : typeof ni === 'symbol' ? 'NaN' : formatNumber(parseInt(ni));
            break;
          }
          case 102: { // f
            var nf = args[++a];
            tempStr = typeof nf === 'symbol' ? 'NaN' : formatNumber(parseFloat(nf));
            break;
          }
          case 99: a += 1; tempStr = ''; break; // c
          case 37: str += first.slice(lastPos, i); lastPos = i + 1; continue; // %%
          default: continue;
        }
        if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
        str += tempStr;
        lastPos = i + 1;
      } else if (next === 37) {
        str += first.slice(lastPos, i);
        lastPos = i + 1;
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }
  while (a < args.length) {
    var value = args[a];
    str += join;
    str += typeof value !== 'string' ? inspect(value) : value;
    join = ' ';
    a++;
  }
  return str;
}
`;

/**
 * Routing by the model's request URIs (https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html
 * gives each operation's method and URI).
 */
import { describe, expect, it } from 'vitest';
import type { ServiceModel } from './model';
import { MalformedTargetError, Router, parseTarget } from './routes';

const router = new Router();
const routed = (method: string, path: string) => {
  const match = router.match(method, path);
  return match && { operation: match.operation.name, labels: match.labels };
};

describe('routing every operation of the Lambda model', () => {
  it('tells operations apart by method on the same URI', () => {
    expect(routed('GET', '/2015-03-31/functions')?.operation).toBe('ListFunctions');
    expect(routed('POST', '/2015-03-31/functions')?.operation).toBe('CreateFunction');
    expect(routed('GET', '/2015-03-31/functions/my-function/configuration')?.operation).toBe('GetFunctionConfiguration');
    expect(routed('PUT', '/2015-03-31/functions/my-function/configuration')?.operation).toBe('UpdateFunctionConfiguration');
    expect(routed('PUT', '/2015-03-31/functions/my-function/code')?.operation).toBe('UpdateFunctionCode');
    expect(routed('DELETE', '/2015-03-31/functions/my-function')?.operation).toBe('DeleteFunction');
    expect(routed('POST', '/2015-03-31/functions/my-function/invocations')?.operation).toBe('Invoke');
    expect(routed('POST', '/2014-11-13/functions/my-function/invoke-async')?.operation).toBe('InvokeAsync');
  });

  it('decodes labels, including full ARNs with colons encoded or not', () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:my-function:prod';
    expect(routed('GET', `/2015-03-31/functions/${encodeURIComponent(arn)}`)).toEqual({
      operation: 'GetFunction',
      labels: { FunctionName: arn },
    });
    expect(routed('GET', `/2015-03-31/functions/${arn}`)?.labels).toEqual({ FunctionName: arn });
    expect(routed('DELETE', '/2018-10-31/layers/my-layer/versions/3/policy/stmt-1')).toEqual({
      operation: 'RemoveLayerVersionPermission',
      labels: { LayerName: 'my-layer', VersionNumber: '3', StatementId: 'stmt-1' },
    });
  });

  it('needs the literal query parts a URI fixes (?find=LayerVersion, ?List=ALL)', () => {
    expect(routed('GET', '/2018-10-31/layers')?.operation).toBe('ListLayers');
    expect(routed('GET', '/2018-10-31/layers?CompatibleRuntime=nodejs22.x')?.operation).toBe('ListLayers');
    expect(routed('GET', '/2018-10-31/layers?find=LayerVersion&Arn=arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Alayer%3Ax%3A1')?.operation).toBe(
      'GetLayerVersionByArn',
    );
    expect(routed('GET', '/2019-09-30/functions/f/provisioned-concurrency?List=ALL')?.operation).toBe('ListProvisionedConcurrencyConfigs');
    expect(routed('GET', '/2019-09-30/functions/f/provisioned-concurrency?Qualifier=1')?.operation).toBe('GetProvisionedConcurrencyConfig');
  });

  it('matches nothing for unknown paths, methods, empty labels or extra segments', () => {
    expect(routed('GET', '/')).toBeUndefined();
    expect(routed('GET', '/2015-03-31/function')).toBeUndefined();
    expect(routed('PATCH', '/2015-03-31/functions')).toBeUndefined();
    expect(routed('GET', '/2015-03-31/functions//configuration')).toBeUndefined();
    expect(routed('GET', '/2015-03-31/functions/f/configuration/extra')).toBeUndefined();
  });

  it('routes every operation of the model from its own URI template', () => {
    const model = (router as unknown as { routes: { operation: { name: string; http: { method: string; requestUri: string } } }[] }).routes;
    for (const { operation } of model) {
      const path = operation.http.requestUri.replace(/\{[^}]+\}/g, 'x1');
      expect(routed(operation.http.method, path)?.operation, operation.http.requestUri).toBe(operation.name);
    }
    expect(model).toHaveLength(85);
  });

  it('gives a greedy label the rest of the path', () => {
    const model: ServiceModel = {
      metadata: {},
      shapes: {},
      operations: {
        GetObject: { name: 'GetObject', http: { method: 'GET', requestUri: '/{Bucket}/{Key+}', responseCode: 200 } },
      },
    };
    const match = new Router(model).match('GET', '/bucket/a/b%20c/d.txt');
    expect(match?.labels).toEqual({ Bucket: 'bucket', Key: 'a/b c/d.txt' });
  });
});

describe('parsing the request target', () => {
  it('keeps every value of a repeated query parameter, decoded', () => {
    expect(parseTarget('/2017-03-31/tags/x?tagKeys=a&tagKeys=b%20c&flag').query).toEqual(
      new Map([
        ['tagKeys', ['a', 'b c']],
        ['flag', ['']],
      ]),
    );
  });

  it('refuses a malformed percent escape', () => {
    expect(() => parseTarget('/2015-03-31/functions?Marker=%E0%A4%A')).toThrow(MalformedTargetError);
    expect(() => router.match('GET', '/2015-03-31/functions/%ZZ')).toThrow(MalformedTargetError);
  });
});

import { describe, expect, it } from 'vitest';
import { duplicateKeys, environmentSize, formatDuration, layerNameOf, moved, qualifierOf, readableStatements, weightFraction } from './config-api';

describe('Configuration tab helpers', () => {
  it('measures environment variables as Lambda does: the JSON object in UTF-8, blank rows left out', () => {
    expect(environmentSize([])).toBe(2);
    expect(environmentSize([{ key: 'A', value: 'b' }])).toBe(JSON.stringify({ A: 'b' }).length);
    expect(environmentSize([{ key: 'K', value: 'é' }, { key: '', value: '' }])).toBe(new TextEncoder().encode('{"K":"é"}').length);
  });

  it('finds keys given twice', () => {
    expect(duplicateKeys([{ key: 'A' }, { key: 'B' }, { key: 'A' }, { key: '' }, { key: '' }])).toEqual(['A']);
    expect(duplicateKeys([{ key: 'A' }])).toEqual([]);
  });

  it('reads policy statements: principal, action and conditions', () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Id: 'default',
      Statement: [
        {
          Sid: 's3-invoke',
          Effect: 'Allow',
          Principal: { Service: 's3.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f',
          Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::bucket' }, StringEquals: { 'AWS:SourceAccount': '123456789012' } },
        },
        { Sid: 'url', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: 'arn' },
      ],
    });
    expect(readableStatements(policy)).toEqual([
      {
        sid: 's3-invoke',
        effect: 'Allow',
        principal: 's3.amazonaws.com',
        action: 'lambda:InvokeFunction',
        resource: 'arn:aws:lambda:us-east-1:123456789012:function:f',
        conditions: ['ArnLike AWS:SourceArn = arn:aws:s3:::bucket', 'StringEquals AWS:SourceAccount = 123456789012'],
      },
      { sid: 'url', effect: 'Allow', principal: '*', action: 'lambda:InvokeFunctionUrl', resource: 'arn', conditions: [] },
    ]);
    expect(readableStatements('not json')).toEqual([]);
  });

  it('names qualifiers, layers, durations, moves and weights', () => {
    expect(qualifierOf('arn:aws:lambda:us-east-1:123456789012:function:f:live')).toBe('live');
    expect(qualifierOf('arn:aws:lambda:us-east-1:123456789012:function:f')).toBe('');
    expect(layerNameOf('arn:aws:lambda:us-east-1:123456789012:layer:utils:3')).toEqual({ name: 'utils', version: '3' });
    expect(formatDuration(21_600)).toBe('6h 0m 0s');
    expect(formatDuration(3_725)).toBe('1h 2m 5s');
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(weightFraction(30)).toBe(0.3);
    expect(weightFraction(140)).toBe(1);
  });
});

/**
 * Every blueprint, in both languages, through the real control plane and engines (QuickJS
 * and Pyodide in worker threads): created as Create function → Use a blueprint creates it,
 * invoked with the test event saved beside it, answering what its description promises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ROLE, testControlPlane, type TestControlPlane } from '../../tests/support/control-plane';
import { BLUEPRINTS, blueprintById, type BlueprintLanguage } from './blueprints';
import { EVENT_TEMPLATES } from './event-templates';
import { zipPackage } from './package-files';

const RUNTIMES: Record<BlueprintLanguage, 'nodejs22.x' | 'python3.14'> = { nodejs: 'nodejs22.x', python: 'python3.14' };

let cp: TestControlPlane;
beforeAll(async () => {
  cp = await testControlPlane();
});
afterAll(() => cp?.dispose());

/** Creates the blueprint's function, saves its event, and invokes it with that event `times` times. */
async function run(id: string, language: BlueprintLanguage, times = 1): Promise<unknown[]> {
  const blueprint = blueprintById(id)!;
  const variant = blueprint.variants[language];
  const name = `${id}-${language}`;
  await cp.client.createFunction({
    FunctionName: name,
    Runtime: RUNTIMES[language],
    Role: TEST_ROLE,
    Handler: variant.handler,
    Code: { ZipFile: zipPackage(variant.files) },
  });
  const saved = await cp.client.saveTestEvent(name, blueprint.eventName, blueprint.event);
  const answers: unknown[] = [];
  for (let i = 0; i < times; i++) {
    const answer = await cp.client.invoke({ FunctionName: name, Payload: new TextEncoder().encode(saved.event), LogType: 'Tail' });
    const payload = new TextDecoder().decode(answer.Payload);
    expect(answer.FunctionError, payload).toBeUndefined();
    answers.push(JSON.parse(payload));
  }
  return answers;
}

describe.each(['nodejs', 'python'] as const)('blueprints in %s', (language) => {
  it('hello world returns the first value of its event', async () => {
    expect(await run('hello-world', language)).toEqual(['value1']);
  });

  it('the tutorial’s area function answers {"area": 42} as a JSON string', async () => {
    const [answer] = await run('area', language);
    expect(JSON.parse(answer as string)).toEqual({ area: 42 });
  });

  it('the HTTP endpoint answers statusCode, headers and a JSON body', async () => {
    const [answer] = (await run('http-api', language)) as Array<{ statusCode: number; headers: Record<string, string>; body: string }>;
    expect(answer!.statusCode).toBe(200);
    expect(answer!.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(answer!.body)).toEqual({ message: 'Hello, Lambda!', method: 'GET', path: '/hello' });
  });

  it('the JSON transformer summarises the order', async () => {
    expect(await run('json-transform', language)).toEqual([
      { id: 'ord-1042', customer: 'Ada Lovelace', itemCount: 5, skus: ['BOOK-001', 'PEN-007'], total: 30.97, express: true },
    ]);
  });

  it('the counter says cold, then warm in the same environment', async () => {
    const answers = (await run('warm-counter', language, 2)) as Array<{ start: string; invocations: number; environmentStartedAt: string }>;
    expect(answers.map((a) => [a.start, a.invocations])).toEqual([
      ['cold', 1],
      ['warm', 2],
    ]);
    expect(answers[1]!.environmentStartedAt).toBe(answers[0]!.environmentStartedAt);
  });
});

describe('blueprints and event templates', () => {
  it('every blueprint has both languages, a valid event name and JSON event', () => {
    for (const blueprint of BLUEPRINTS) {
      expect(blueprint.eventName).toMatch(/^[A-Za-z0-9._-]{1,25}$/);
      expect(() => JSON.parse(blueprint.event)).not.toThrow();
      expect(Object.keys(blueprint.variants).sort()).toEqual(['nodejs', 'python']);
    }
  });

  it('every event template is JSON with the event source Lambda documents', () => {
    const sources = Object.fromEntries(
      EVENT_TEMPLATES.map((t) => {
        const event = JSON.parse(t.json) as { Records?: Array<Record<string, unknown>>; source?: string; version?: string };
        const record = event.Records?.[0];
        return [t.id, record ? (record['eventSource'] ?? record['EventSource']) : (event.source ?? event.version)];
      }),
    );
    expect(sources).toEqual({
      'hello-world': undefined,
      'apigateway-aws-proxy': undefined,
      'apigateway-http-api-v2': '2.0',
      'sqs-receive-message': 'aws:sqs',
      'sns-notification': 'aws:sns',
      's3-put': 'aws:s3',
      'dynamodb-update': 'aws:dynamodb',
      'kinesis-get-records': 'aws:kinesis',
      'eventbridge-scheduled': 'aws.events',
    });
  });
});

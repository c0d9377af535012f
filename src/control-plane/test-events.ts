/**
 * The console's saved test events (the Test tab's "Save"): up to 10 per function, each a
 * name and a JSON document (https://docs.aws.amazon.com/lambda/latest/dg/testing-functions.html).
 * Not part of the Lambda API: the real console keeps them in EventBridge's schema registry.
 */
import type { Clock } from '../domain/clock';
import { InvalidParameterValueException, ResourceNotFoundException } from '../domain/errors';
import { LIMITS } from '../domain/validation';
import type { SavedTestEvent } from '../workers/protocol';
import type { FunctionsService } from './functions';
import type { TestEventStore } from './ports';

export const MAX_TEST_EVENTS = 10;
/** The console's rule for event names. */
const EVENT_NAME = /^[A-Za-z0-9._-]{1,25}$/;

export class TestEventsService {
  constructor(
    private readonly functions: FunctionsService,
    private readonly store: TestEventStore,
    private readonly clock: Clock,
  ) {}

  async list(functionName: string): Promise<SavedTestEvent[]> {
    const record = await this.functions.requireLatest(functionName, undefined);
    return (await this.store.listTestEvents(record.name)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async save(functionName: string, name: string, event: string): Promise<SavedTestEvent> {
    const record = await this.functions.requireLatest(functionName, undefined);
    if (!EVENT_NAME.test(name)) {
      throw new InvalidParameterValueException(
        `Event name '${name}' is not valid: use up to 25 letters, numbers, dots, hyphens and underscores.`,
      );
    }
    try {
      JSON.parse(event);
    } catch (error) {
      throw new InvalidParameterValueException(`The test event is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (new TextEncoder().encode(event).byteLength > LIMITS.syncPayloadMaxBytes) {
      throw new InvalidParameterValueException(`A test event must be smaller than ${LIMITS.syncPayloadMaxBytes} bytes.`);
    }
    const existing = await this.store.listTestEvents(record.name);
    if (existing.length >= MAX_TEST_EVENTS && !existing.some((saved) => saved.name === name)) {
      throw new InvalidParameterValueException(
        `A function can have at most ${MAX_TEST_EVENTS} saved test events; delete one to save '${name}'.`,
      );
    }
    const saved: SavedTestEvent = { name, event, lastModified: this.clock.now() };
    await this.store.putTestEvent(record.name, saved);
    return saved;
  }

  async delete(functionName: string, name: string): Promise<void> {
    const record = await this.functions.requireLatest(functionName, undefined);
    const existing = await this.store.listTestEvents(record.name);
    if (!existing.some((saved) => saved.name === name)) {
      throw new ResourceNotFoundException(`Test event not found: ${name}`);
    }
    await this.store.deleteTestEvent(record.name, name);
  }
}

/** The open functions' sessions, kept in memory for the life of the tab. */
import type { LambdaliteClient } from '../client/lambda-client';
import { FunctionSession } from './function-session.svelte';

export class Workspace {
  readonly #client: LambdaliteClient;
  readonly #sessions = new Map<string, FunctionSession>();

  constructor(client: LambdaliteClient) {
    this.#client = client;
  }

  session(name: string): FunctionSession {
    let session = this.#sessions.get(name);
    if (!session) {
      session = new FunctionSession(name, this.#client);
      this.#sessions.set(name, session);
    }
    return session;
  }

  /** Forgets a function's session (deleted, or created anew under the same name). */
  forget(name: string): void {
    this.#sessions.delete(name);
  }
}

/**
 * One function as its console page holds it: configuration, the package's files
 * with unsaved edits, the test event and the last execution result. Sessions live
 * for the tab's lifetime so leaving a function and coming back keeps unsaved work;
 * everything deployed or saved is re-read from the control plane.
 */
import type { FunctionConfiguration, UpdateFunctionConfigurationRequest } from '@aws-sdk/client-lambda';
import type { LambdaliteClient } from '../client/lambda-client';
import { toShownError, type ShownError } from './errors';
import { toExecutionResult, type ExecutionResult } from './invoke-output';
import { handlerFile, unzipPackage, zipPackage } from './package-files';

/** The console's hello-world event template. */
export const DEFAULT_TEST_EVENT = `{
  "key1": "value1",
  "key2": "value2",
  "key3": "value3"
}`;

export interface EditorFile {
  path: string;
  /** Current editor text; undefined for a binary file. */
  text: string | undefined;
  /** The text as last deployed (or loaded). */
  deployedText: string | undefined;
  bytes: Uint8Array;
}

export class FunctionSession {
  readonly name: string;
  config: FunctionConfiguration | undefined = $state();
  files: EditorFile[] = $state([]);
  activePath: string | undefined = $state();
  loading = $state(false);
  loadError: ShownError | undefined = $state();

  deploying = $state(false);
  deployError: ShownError | undefined = $state();

  eventText = $state(DEFAULT_TEST_EVENT);
  testing = $state(false);
  testStartedAt = $state(0);
  testError: ShownError | undefined = $state();
  result: ExecutionResult | undefined = $state();

  savingConfig = $state(false);
  configError: ShownError | undefined = $state();

  // Getters, not $derived: a session outlives the page that created it, and a $derived
  // made inside a component's effect goes inert when that component is destroyed.
  get dirtyPaths(): string[] {
    return this.files.filter((f) => f.text !== f.deployedText).map((f) => f.path);
  }
  get dirty(): boolean {
    return this.files.some((f) => f.text !== f.deployedText);
  }
  get activeFile(): EditorFile | undefined {
    return this.files.find((f) => f.path === this.activePath);
  }

  readonly #client: LambdaliteClient;

  constructor(name: string, client: LambdaliteClient) {
    this.name = name;
    this.#client = client;
  }

  /** Re-reads the configuration, and the code unless there are unsaved edits. */
  async load(): Promise<void> {
    this.loading = true;
    this.loadError = undefined;
    try {
      const [fn, zip] = await Promise.all([
        this.#client.getFunction({ FunctionName: this.name }),
        this.dirty ? Promise.resolve(undefined) : this.#client.getFunctionCodeZip(this.name),
      ]);
      this.config = fn.Configuration;
      if (zip) this.#setFiles(zip);
    } catch (error) {
      this.loadError = toShownError(error);
    } finally {
      this.loading = false;
    }
  }

  #setFiles(zip: Uint8Array): void {
    const files = unzipPackage(zip).map((f) => ({ path: f.path, text: f.text, deployedText: f.text, bytes: f.bytes }));
    this.files = files;
    const paths = files.map((f) => f.path);
    if (!this.activePath || !paths.includes(this.activePath)) {
      this.activePath = handlerFile(this.config?.Handler, paths);
    }
  }

  edit(path: string, text: string): void {
    const file = this.files.find((f) => f.path === path);
    if (file && file.text !== text) file.text = text;
  }

  /** Deploy: zips the editor's files and calls UpdateFunctionCode. */
  async deploy(): Promise<boolean> {
    this.deploying = true;
    this.deployError = undefined;
    const snapshot = this.files.map((f) => ({ path: f.path, text: f.text, bytes: f.bytes }));
    try {
      const config = await this.#client.updateFunctionCode({ FunctionName: this.name, ZipFile: zipPackage(snapshot) });
      this.config = config;
      for (const file of this.files) {
        const sent = snapshot.find((s) => s.path === file.path);
        if (sent) file.deployedText = sent.text;
      }
      return true;
    } catch (error) {
      this.deployError = toShownError(error);
      return false;
    } finally {
      this.deploying = false;
    }
  }

  /** Test: invokes $LATEST with the event, asking for the log tail as the console does. */
  async test(): Promise<void> {
    this.testError = undefined;
    try {
      JSON.parse(this.eventText);
    } catch (error) {
      this.testError = { type: 'Invalid event JSON', message: `There is an error in your JSON event: ${(error as Error).message}` };
      return;
    }
    this.testing = true;
    this.testStartedAt = performance.now();
    try {
      const answer = await this.#client.invoke({
        FunctionName: this.name,
        InvocationType: 'RequestResponse',
        LogType: 'Tail',
        Payload: new TextEncoder().encode(this.eventText),
      });
      this.result = toExecutionResult(answer);
    } catch (error) {
      this.result = undefined;
      this.testError = toShownError(error);
    } finally {
      this.testing = false;
    }
  }

  async saveConfiguration(patch: Omit<UpdateFunctionConfigurationRequest, 'FunctionName'>): Promise<boolean> {
    this.savingConfig = true;
    this.configError = undefined;
    try {
      this.config = await this.#client.updateFunctionConfiguration({ ...patch, FunctionName: this.name });
      return true;
    } catch (error) {
      this.configError = toShownError(error);
      return false;
    } finally {
      this.savingConfig = false;
    }
  }
}

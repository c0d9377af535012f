/**
 * One function as its console page holds it: configuration, the package's files
 * with unsaved edits, the test event and the last execution result. Sessions live
 * for the tab's lifetime so leaving a function and coming back keeps unsaved work;
 * everything deployed or saved is re-read from the control plane.
 */
import type { FunctionConfiguration, UpdateFunctionConfigurationRequest } from '@aws-sdk/client-lambda';
import type { LambdaliteClient } from '../client/lambda-client';
import type { SavedTestEvent } from '../workers/protocol';
import { toShownError, type ShownError } from './errors';
import { toExecutionResult, type ExecutionResult } from './invoke-output';
import { handlerFile, unzipPackage, zipFolders, zipPackage, type PackageFile } from './package-files';

/** The console's hello-world event template. */
export const DEFAULT_TEST_EVENT = `{
  "key1": "value1",
  "key2": "value2",
  "key3": "value3"
}`;

/** The Test tab's "Test event action". */
export type TestEventAction = 'create' | 'edit';

/** The saved event to open on: the most recently saved one. */
export function latestTestEvent(events: SavedTestEvent[]): SavedTestEvent | undefined {
  return events.reduce<SavedTestEvent | undefined>((latest, e) => (!latest || e.lastModified > latest.lastModified ? e : latest), undefined);
}

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
  /** Folders of the package, empty ones included (they are folder entries in the zip). */
  folders: string[] = $state([]);
  /** Paths of the package's files and folders as last deployed: a new, renamed or deleted file is a change. */
  deployedPaths: string[] = $state([]);
  /** Files open as editor tabs, in the order they were opened. */
  openPaths: string[] = $state([]);
  activePath: string | undefined = $state();
  loading = $state(false);
  loadError: ShownError | undefined = $state();

  deploying = $state(false);
  deployError: ShownError | undefined = $state();

  /** The Event JSON editor's text: what Test sends, and what Save saves. */
  eventText = $state(DEFAULT_TEST_EVENT);
  /** Saved test events, by name; undefined until first listed. */
  savedEvents: SavedTestEvent[] | undefined = $state();
  savedEventsError: ShownError | undefined = $state();
  eventAction: TestEventAction = $state('create');
  /** The "Event name" typed for a new event. */
  newEventName = $state('');
  /** The saved event chosen under "Edit saved event". */
  selectedEvent: string | undefined = $state();
  savingEvent = $state(false);
  eventError: ShownError | undefined = $state();
  /** Unsaved editor text per event ('' = the new event), kept when switching between events. */
  readonly #eventDrafts = new Map<string, string>();

  /** The qualifier the Test tab invokes: $LATEST, a version number or an alias name. */
  testQualifier = $state('$LATEST');
  testing = $state(false);
  testStartedAt = $state(0);
  testError: ShownError | undefined = $state();
  result: ExecutionResult | undefined = $state();

  savingConfig = $state(false);
  configError: ShownError | undefined = $state();

  // Getters, not $derived: a session outlives the page that created it, and a $derived
  // made inside a component's effect goes inert when that component is destroyed.
  get dirtyPaths(): string[] {
    return this.files.filter((f) => f.text !== f.deployedText || !this.deployedPaths.includes(f.path)).map((f) => f.path);
  }
  get dirty(): boolean {
    return this.files.some((f) => f.text !== f.deployedText) || !samePaths(this.#currentPaths(), this.deployedPaths);
  }
  #currentPaths(): string[] {
    return [...this.files.map((f) => f.path), ...this.folders.map((f) => `${f}/`)];
  }
  get activeFile(): EditorFile | undefined {
    return this.files.find((f) => f.path === this.activePath);
  }
  /** The saved event being edited, if "Edit saved event" is chosen. */
  get editedEvent(): SavedTestEvent | undefined {
    return this.eventAction === 'edit' ? this.savedEvents?.find((e) => e.name === this.selectedEvent) : undefined;
  }
  /** The editor's text differs from the saved event being edited. */
  get eventChanged(): boolean {
    const saved = this.editedEvent;
    return saved !== undefined && saved.event !== this.eventText;
  }
  /** Identifies the editor's document: the new event, or one saved event. */
  get eventKey(): string {
    return this.eventAction === 'edit' && this.selectedEvent !== undefined ? `saved:${this.selectedEvent}` : 'new';
  }

  readonly #client: LambdaliteClient;
  /** Settles once the function is Active with no update in progress (Lambda refuses some calls before). */
  #ready: Promise<void> = Promise.resolve();

  constructor(name: string, client: LambdaliteClient) {
    this.name = name;
    this.#client = client;
  }

  /** Re-reads the configuration, and the code unless there are unsaved edits. */
  async load(): Promise<void> {
    this.loading = true;
    this.loadError = undefined;
    void this.loadTestEvents();
    try {
      const [fn, zip] = await Promise.all([
        this.#client.getFunction({ FunctionName: this.name }),
        this.dirty ? Promise.resolve(undefined) : this.#client.getFunctionCodeZip(this.name),
      ]);
      this.config = fn.Configuration;
      this.#followStates();
      if (zip) this.#setFiles(zip);
    } catch (error) {
      this.loadError = toShownError(error);
    } finally {
      this.loading = false;
    }
  }

  #setFiles(zip: Uint8Array): void {
    this.#setPackage(unzipPackage(zip), zipFolders(zip));
  }

  /** The package's files and folders, as deployed: no file is changed. */
  #setPackage(packageFiles: PackageFile[], folders: string[]): void {
    const files = packageFiles.map((f) => ({ path: f.path, text: f.text, deployedText: f.text, bytes: f.bytes }));
    this.files = files;
    // Folders holding files are implied by their paths; only the empty ones need an entry.
    this.folders = folders.filter((folder) => !files.some((f) => f.path.startsWith(`${folder}/`)));
    this.deployedPaths = this.#currentPaths();
    const paths = files.map((f) => f.path);
    this.openPaths = this.openPaths.filter((p) => paths.includes(p));
    if (!this.activePath || !paths.includes(this.activePath)) {
      this.activePath = handlerFile(this.config?.Handler, paths);
    }
    if (this.activePath && !this.openPaths.includes(this.activePath)) this.openPaths = [...this.openPaths, this.activePath];
  }

  /** Opens a file in an editor tab and shows it. */
  open(path: string): void {
    if (!this.files.some((f) => f.path === path)) return;
    if (!this.openPaths.includes(path)) this.openPaths = [...this.openPaths, path];
    this.activePath = path;
  }

  /** Closes a file's editor tab (its edits stay); the tab beside it is shown. */
  close(path: string): void {
    const index = this.openPaths.indexOf(path);
    if (index < 0) return;
    this.openPaths = this.openPaths.filter((p) => p !== path);
    if (this.activePath === path) this.activePath = this.openPaths[Math.min(index, this.openPaths.length - 1)];
  }

  /** A new empty file (its folders are made with it), opened in the editor. */
  addFile(path: string): void {
    if (this.files.some((f) => f.path === path)) return;
    this.files = [...this.files, { path, text: '', deployedText: undefined, bytes: new Uint8Array() }].sort((a, b) =>
      a.path.localeCompare(b.path),
    );
    this.folders = this.folders.filter((folder) => !path.startsWith(`${folder}/`));
    this.open(path);
  }

  addFolder(path: string): void {
    if (this.folders.includes(path) || this.files.some((f) => f.path.startsWith(`${path}/`))) return;
    this.folders = [...this.folders, path].sort();
  }

  /** Renames a file, or a folder with everything in it; open tabs follow. */
  rename(from: string, to: string, kind: 'file' | 'folder'): void {
    const move = (p: string): string => (kind === 'file' ? (p === from ? to : p) : p.startsWith(`${from}/`) ? to + p.slice(from.length) : p);
    for (const file of this.files) file.path = move(file.path);
    this.files = [...this.files].sort((a, b) => a.path.localeCompare(b.path));
    if (kind === 'folder') this.folders = this.folders.map((f) => (f === from ? to : move(f))).sort();
    this.openPaths = this.openPaths.map(move);
    if (this.activePath) this.activePath = move(this.activePath);
  }

  /** Deletes a file, or a folder with everything in it. */
  remove(path: string, kind: 'file' | 'folder'): void {
    const gone = (p: string): boolean => (kind === 'file' ? p === path : p === path || p.startsWith(`${path}/`));
    this.files = this.files.filter((f) => !gone(f.path));
    this.folders = this.folders.filter((f) => !gone(f));
    for (const p of this.openPaths.filter(gone)) this.close(p);
  }

  /**
   * "Upload from .zip file": the archive (already checked by the caller) becomes the
   * function's code through UpdateFunctionCode, and the editor shows its files.
   */
  async uploadZip(zip: Uint8Array, files: PackageFile[], folders: string[]): Promise<boolean> {
    this.deploying = true;
    this.deployError = undefined;
    try {
      await this.#ready;
      this.config = await this.#client.updateFunctionCode({ FunctionName: this.name, ZipFile: zip });
      this.#followStates();
      this.openPaths = [];
      this.activePath = undefined;
      this.#setPackage(files, folders);
      return true;
    } catch (error) {
      this.deployError = toShownError(error);
      return false;
    } finally {
      this.deploying = false;
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
    const folders = [...this.folders];
    try {
      await this.#ready;
      const config = await this.#client.updateFunctionCode({ FunctionName: this.name, ZipFile: zipPackage(snapshot, folders) });
      this.config = config;
      this.#followStates();
      for (const file of this.files) {
        const sent = snapshot.find((s) => s.path === file.path);
        if (sent) file.deployedText = sent.text;
      }
      this.deployedPaths = [...snapshot.map((f) => f.path), ...folders.map((f) => `${f}/`)];
      return true;
    } catch (error) {
      this.deployError = toShownError(error);
      return false;
    } finally {
      this.deploying = false;
    }
  }

  /**
   * Lists the saved test events. The first time, the Test tab opens on the most recently
   * saved one; afterwards the user's choice stays, unless its event is gone.
   */
  async loadTestEvents(): Promise<void> {
    this.savedEventsError = undefined;
    try {
      const events = await this.#client.listTestEvents(this.name);
      const first = this.savedEvents === undefined;
      this.savedEvents = events;
      if (first) {
        const latest = latestTestEvent(events);
        if (latest) this.#show('edit', latest.name);
      } else if (this.eventAction === 'edit' && !events.some((e) => e.name === this.selectedEvent)) {
        this.#showAfterRemoval();
      }
    } catch (error) {
      this.savedEventsError = toShownError(error);
    }
  }

  #draftKey(): string {
    return this.eventAction === 'edit' ? (this.selectedEvent ?? '') : '';
  }

  /** Puts an event in the editor, keeping the unsaved text of the one it replaces. */
  #show(action: TestEventAction, name?: string): void {
    const leaving = this.#draftKey();
    const leavingSaved = leaving === '' ? undefined : this.savedEvents?.find((e) => e.name === leaving);
    if (leaving === '' || (leavingSaved && leavingSaved.event !== this.eventText)) this.#eventDrafts.set(leaving, this.eventText);
    else this.#eventDrafts.delete(leaving);
    this.eventAction = action;
    // In "Create new event" the last saved event chosen is remembered for switching back.
    if (action === 'edit') this.selectedEvent = name;
    const entering = this.#draftKey();
    const saved = entering === '' ? undefined : this.savedEvents?.find((e) => e.name === entering);
    this.eventText = this.#eventDrafts.get(entering) ?? saved?.event ?? DEFAULT_TEST_EVENT;
    this.eventError = undefined;
  }

  /** "Test event action": Create new event, or Edit saved event (the last one chosen, else the latest). */
  chooseEventAction(action: TestEventAction): void {
    if (action === this.eventAction) return;
    if (action === 'create') return this.#show('create');
    const name =
      this.savedEvents?.some((e) => e.name === this.selectedEvent) ? this.selectedEvent : latestTestEvent(this.savedEvents ?? [])?.name;
    if (name !== undefined) this.#show('edit', name);
  }

  selectEvent(name: string): void {
    if (this.eventAction !== 'edit' || name !== this.selectedEvent) this.#show('edit', name);
  }

  /** Save: the new event under its typed name, or the edited saved event. */
  async saveEvent(): Promise<string | undefined> {
    const name = this.eventAction === 'edit' ? this.selectedEvent : this.newEventName.trim();
    if (name === undefined || this.savingEvent) return undefined;
    const text = this.eventText;
    const wasNew = this.eventAction === 'create';
    this.savingEvent = true;
    this.eventError = undefined;
    try {
      const saved = await this.#client.saveTestEvent(this.name, name, text);
      const others = (this.savedEvents ?? []).filter((e) => e.name !== saved.name);
      this.savedEvents = [...others, saved].sort((a, b) => a.name.localeCompare(b.name));
      this.#eventDrafts.delete(name);
      if (wasNew) {
        // As in the console, the new event is now the saved event being edited.
        this.#eventDrafts.delete('');
        this.newEventName = '';
        this.eventAction = 'edit';
        this.selectedEvent = saved.name;
      }
      return saved.name;
    } catch (error) {
      this.eventError = toShownError(error);
      return undefined;
    } finally {
      this.savingEvent = false;
    }
  }

  /** Deletes the selected saved event; the editor moves to the latest one left, or to a new event. */
  async deleteEvent(name: string): Promise<ShownError | undefined> {
    try {
      await this.#client.deleteTestEvent(this.name, name);
    } catch (error) {
      return toShownError(error);
    }
    this.savedEvents = (this.savedEvents ?? []).filter((e) => e.name !== name);
    this.#eventDrafts.delete(name);
    if (this.eventAction === 'edit' && this.selectedEvent === name) this.#showAfterRemoval();
    return undefined;
  }

  /** The selected event is gone: nothing of it is kept, and the latest one left opens. */
  #showAfterRemoval(): void {
    const gone = this.selectedEvent;
    if (gone !== undefined) this.#eventDrafts.delete(gone);
    const latest = latestTestEvent(this.savedEvents ?? []);
    this.eventAction = latest ? 'edit' : 'create';
    this.selectedEvent = latest?.name;
    this.eventText = latest ? (this.#eventDrafts.get(latest.name) ?? latest.event) : (this.#eventDrafts.get('') ?? DEFAULT_TEST_EVENT);
    this.eventError = undefined;
  }

  /**
   * Test: invokes the function with the event, asking for the log tail as the console does;
   * $LATEST unless a qualifier (version or alias) is given.
   */
  async test(qualifier = '$LATEST'): Promise<void> {
    this.testError = undefined;
    try {
      JSON.parse(this.eventText);
    } catch (error) {
      this.testError = { type: 'Invalid event JSON', message: `There is an error in your JSON event: ${(error as Error).message}` };
      return;
    }
    // The result names the saved event it ran, as the console's does ("Test Event Name: …").
    const testEventName = this.editedEvent?.name;
    this.testing = true;
    this.testStartedAt = performance.now();
    try {
      await this.#ready;
      const answer = await this.#client.invoke({
        FunctionName: this.name,
        InvocationType: 'RequestResponse',
        LogType: 'Tail',
        Payload: new TextEncoder().encode(this.eventText),
        ...(qualifier !== '$LATEST' ? { Qualifier: qualifier } : {}),
      });
      this.result = { ...toExecutionResult(answer), testEventName, ...(qualifier !== '$LATEST' ? { qualifier } : {}) };
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
      await this.#ready;
      this.config = await this.#client.updateFunctionConfiguration({ ...patch, FunctionName: this.name });
      this.#followStates();
      return true;
    } catch (error) {
      this.configError = toShownError(error);
      return false;
    } finally {
      this.savingConfig = false;
    }
  }

  /**
   * Lambda keeps a new function Pending and an update InProgress for a moment, and refuses
   * invocations (Pending) or another update (InProgress) meanwhile; the console waits for it,
   * as the real one does, and shows the state while it lasts.
   */
  #followStates(): void {
    if (isReady(this.config)) return;
    this.#ready = (async () => {
      for (let attempt = 0; attempt < 100 && !isReady(this.config); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        try {
          this.config = await this.#client.getFunctionConfiguration({ FunctionName: this.name });
        } catch {
          return;
        }
      }
    })();
  }
}

function samePaths(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(b);
  return a.every((p) => set.has(p));
}

function isReady(config: FunctionConfiguration | undefined): boolean {
  return config === undefined || (config.State !== 'Pending' && config.LastUpdateStatus !== 'InProgress');
}

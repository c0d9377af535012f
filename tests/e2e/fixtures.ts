/**
 * Page objects for the Lambdalite console, driven through playwright-core with Debian's
 * Chromium. Everything is found by role and accessible name, the way a user (and the real
 * Lambda console's labels) name it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A handler file from tests/e2e/handlers. */
export function handlerSource(file: string): string {
  return readFileSync(join(here, 'handlers', file), 'utf8');
}

/** The seed tutorial's area handler, verbatim (the same file the runtime and integration suites use). */
export function tutorialHandler(language: 'nodejs' | 'python'): string {
  const file = language === 'nodejs' ? 'nodejs/area/index.mjs' : 'python/area/lambda_function.py';
  return readFileSync(join(here, '..', 'fixtures', 'handlers', file), 'utf8');
}

/**
 * With SCREENSHOT_DIR set (`SCREENSHOT_DIR=docs/screenshots npm run test:e2e` retakes the
 * pictures in docs/screenshots), writes the page as <dir>/<file>; without it does nothing, so
 * a test run writes nothing into the tree. `height` sets the viewport's height for the picture
 * (and puts it back after); `fullPage` takes the whole page. The page is scrolled to its top
 * first: typing in an editor scrolls it, and a picture of the console starts at its header.
 */
export async function screenshot(page: Page, file: string, options: { fullPage?: boolean; height?: number } = {}): Promise<void> {
  const dir = process.env['SCREENSHOT_DIR'];
  if (!dir) return;
  const before = page.viewportSize();
  if (options.height !== undefined && before) await page.setViewportSize({ width: before.width, height: options.height });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(dir, file), fullPage: options.fullPage ?? false });
  if (options.height !== undefined && before) await page.setViewportSize(before);
}

/**
 * One browser and one console session for a test file, opened before its tests and closed
 * after them. `server` picks the preview with COOP/COEP headers or the plain static one.
 */
export function useConsoleSession(server: 'baseUrl' | 'plainBaseUrl' = 'baseUrl'): () => ConsoleSession {
  let browser: Browser | undefined;
  let session: ConsoleSession | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    session = await ConsoleSession.open(browser, inject(server));
  });
  afterAll(async () => {
    await session?.close();
    await browser?.close();
  });
  return () => {
    if (!session) throw new Error('the console session is opened in beforeAll');
    return session;
  };
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, without reaching outside hosts. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** What the execution result panel shows. */
export interface ShownResult {
  status: string;
  response: string;
  logs: string;
  requestId: string;
  /** "Test Event Name: <name>" when a saved test event was run. */
  testEventName?: string;
}

/** One browser context on the console, recording uncaught page errors. */
export class ConsoleSession {
  readonly pageErrors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
  }

  /** A fresh context (IndexedDB lives as long as the context, across reloads). */
  static async open(browser: Browser, baseUrl: string): Promise<ConsoleSession> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    return new ConsoleSession(context, page, baseUrl);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  get functions(): FunctionsPage {
    return new FunctionsPage(this.page);
  }

  async gotoFunctions(): Promise<FunctionsPage> {
    await this.page.goto(`${this.baseUrl}#/functions`);
    const list = new FunctionsPage(this.page);
    await list.waitLoaded();
    return list;
  }

  async gotoFunction(name: string): Promise<FunctionPage> {
    await this.page.goto(`${this.baseUrl}#/functions/${encodeURIComponent(name)}?tab=code`);
    const fn = new FunctionPage(this.page, name);
    await fn.waitLoaded();
    return fn;
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }
}

/** The Functions list. */
export class FunctionsPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { name: 'Functions', level: 1 });
  }

  async waitLoaded(): Promise<void> {
    await this.heading().waitFor();
    await this.page.getByText('Loading functions…').waitFor({ state: 'detached' });
  }

  functionLink(name: string): Locator {
    return this.page.getByRole('table').getByRole('link', { name, exact: true });
  }

  /** The list's row of a function: [name, runtime, memory (MB), last modified, state] (the selection cell left out). */
  async row(name: string): Promise<string[]> {
    const row = this.page.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
    return (await row.getByRole('cell').allInnerTexts()).slice(1).map((t) => t.trim());
  }

  /** Types in the search box ("Filter functions by name"). */
  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Filter functions by name' }).fill(text);
  }

  /** Select a function's row, Actions → Delete, type "confirm", Delete; waits for the flash. */
  async deleteFunction(name: string): Promise<void> {
    await this.page.getByRole('radio', { name: `Select ${name}` }).check();
    await this.page.getByRole('button', { name: 'Actions' }).click();
    await this.page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Delete function' });
    await dialog.getByLabel('To confirm deletion').fill('confirm');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await this.page.getByText(`Successfully deleted function ${name}.`).waitFor();
    await dialog.waitFor({ state: 'detached' });
  }

  /**
   * Create function → Use a blueprint, by its title and language: the option
   * "<title> (<newest runtime of the language>)", e.g. "Hello world function (Node.js 24.x)".
   */
  async createFromBlueprint(name: string, title: string, language: 'Node.js' | 'Python'): Promise<FunctionPage> {
    const form = await this.startCreate();
    await this.page.getByRole('radio', { name: /Use a blueprint/ }).check();
    const select = this.page.getByLabel('Blueprint name');
    const labels = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).label));
    const label = labels.find((l) => l.startsWith(`${title} (${language} `));
    if (!label) throw new Error(`no blueprint option for ${title} in ${language}: ${labels.join(', ')}`);
    await select.selectOption({ label });
    await this.page.getByLabel('Function name').fill(name);
    await form.submit();
    const fn = new FunctionPage(this.page, name);
    await fn.waitLoaded();
    return fn;
  }

  async names(): Promise<string[]> {
    return (await this.page.getByRole('table').getByRole('link').allInnerTexts()).map((t) => t.trim());
  }

  async open(name: string): Promise<FunctionPage> {
    await this.functionLink(name).click();
    const fn = new FunctionPage(this.page, name);
    await fn.waitLoaded();
    return fn;
  }

  /** Create function → Author from scratch, with a runtime label as the console shows it ("Node.js 22.x"). */
  async startCreate(): Promise<CreateFunctionForm> {
    await this.page.getByRole('button', { name: 'Create function' }).click();
    const form = new CreateFunctionForm(this.page);
    await form.waitLoaded();
    return form;
  }

  async createFunction(name: string, runtimeLabel: string): Promise<FunctionPage> {
    const form = await this.startCreate();
    return form.create(name, runtimeLabel);
  }
}

export class CreateFunctionForm {
  constructor(readonly page: Page) {}

  async waitLoaded(): Promise<void> {
    await this.page.getByRole('heading', { name: 'Create function' }).waitFor();
    // Runtimes come from listRuntimes(); the submit button is enabled once they are there.
    await this.page.locator('#runtime option:not([disabled])').first().waitFor({ state: 'attached' });
  }

  runtimeOptions(): Promise<string[]> {
    return this.page.getByLabel('Runtime').locator('option').allInnerTexts();
  }

  async fill(name: string, runtimeLabel: string): Promise<void> {
    await this.page.getByLabel('Function name').fill(name);
    await this.page.getByLabel('Runtime').selectOption({ label: runtimeLabel });
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create function' }).click();
  }

  async create(name: string, runtimeLabel: string): Promise<FunctionPage> {
    await this.fill(name, runtimeLabel);
    await this.submit();
    const fn = new FunctionPage(this.page, name);
    await fn.waitLoaded();
    return fn;
  }

  /** The API error shown on the form, as "<Type>: <message>". */
  async error(): Promise<string> {
    const alert = this.page.getByRole('alert');
    await alert.waitFor();
    return (await alert.innerText()).trim();
  }
}

/** A function's page: Code, Test and Configuration tabs, Actions → Delete. */
export class FunctionPage {
  constructor(
    readonly page: Page,
    readonly name: string,
  ) {}

  async waitLoaded(): Promise<void> {
    await this.page.getByRole('heading', { name: this.name, level: 1, exact: true }).waitFor();
    await this.page.getByRole('heading', { name: 'Function overview' }).waitFor();
  }

  async tab(name: 'Code' | 'Test' | 'Configuration' | 'Aliases' | 'Versions'): Promise<void> {
    await this.page.getByRole('tab', { name, exact: true }).click();
  }

  /** The code editor of a file (CodeMirror's editing area, named "Code editor: <file>"). */
  codeEditor(file: string): Locator {
    return this.page.getByRole('textbox', { name: `Code editor: ${file}` });
  }

  /** Opens a file from the Code tab's file tree (it becomes the editor's current tab). */
  async openFile(file: string): Promise<void> {
    await this.fileTree().getByRole('button', { name: new RegExp(`^File ${escapeRegExp(file)}( \\(|$)`) }).click();
  }

  /** The Code tab's file tree. */
  fileTree(): Locator {
    return this.page.getByRole('navigation', { name: 'Package files' });
  }

  /** Paths of the file tree's files and folders as shown (folders expanded), e.g. ["Folder lib", "File lib/a.mjs"]. */
  async treeEntries(): Promise<string[]> {
    const labels = await this.fileTree()
      .getByRole('button')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
    return labels.map((l) => l.replace(/ \(changes not deployed\)$/, ''));
  }

  /** Selects a tree entry (a file or a folder) by its path. */
  async selectTreeEntry(kind: 'File' | 'Folder', path: string): Promise<void> {
    await this.fileTree().getByRole('button', { name: new RegExp(`^${kind} ${escapeRegExp(path)}( \\(|$)`) }).click();
  }

  /** The tree's + File / + Folder, typing the path (relative to the package root). */
  async newTreeEntry(kind: 'file' | 'folder', path: string): Promise<void> {
    await this.page.getByRole('toolbar', { name: 'File actions' }).getByRole('button', { name: kind === 'file' ? '+ File' : '+ Folder' }).click();
    const input = this.page.getByLabel(kind === 'file' ? 'New file name' : 'New folder name');
    await input.fill(path);
    await input.press('Enter');
  }

  /** Renames the selected tree entry. */
  async renameTreeEntry(kind: 'File' | 'Folder', from: string, to: string): Promise<void> {
    await this.selectTreeEntry(kind, from);
    await this.page.getByRole('toolbar', { name: 'File actions' }).getByRole('button', { name: `Rename ${from}` }).click();
    const input = this.page.getByLabel(`New name for ${from}`);
    await input.fill(to);
    await input.press('Enter');
  }

  /** Deletes a tree entry, confirming in the dialog; answers what the dialog asked. */
  async deleteTreeEntry(kind: 'File' | 'Folder', path: string): Promise<string> {
    await this.selectTreeEntry(kind, path);
    await this.page.getByRole('toolbar', { name: 'File actions' }).getByRole('button', { name: `Delete ${path}` }).click();
    const dialog = this.page.getByRole('dialog', { name: kind === 'File' ? 'Delete file' : 'Delete folder' });
    const question = (await dialog.locator('p').first().innerText()).replace(/\s+/g, ' ').trim();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    return question;
  }

  /** Upload from → .zip file, with the archive's bytes; waits for the update to be deployed, or answers the error shown. */
  async uploadZip(name: string, zip: Uint8Array): Promise<string> {
    await this.dismissFlashes();
    await this.page.getByLabel('Upload from .zip file').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(zip) });
    return this.uploadOutcome();
  }

  /** Drops a file on the editor area, as dragging it from the desktop does. */
  async dropFile(name: string, bytes: Uint8Array): Promise<string> {
    await this.dismissFlashes();
    const area = this.page.locator('.workspace');
    await area.evaluate(
      (element, { name, data }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(data)], name, { type: 'application/zip' }));
        element.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      { name, data: [...bytes] },
    );
    return this.uploadOutcome();
  }

  private async uploadOutcome(): Promise<string> {
    const flash = this.page.getByText(`Successfully updated the function ${this.name}.`);
    const alert = this.page.getByRole('region', { name: 'Code source' }).getByRole('alert');
    await flash.or(alert).first().waitFor();
    if ((await alert.count()) > 0) return (await alert.innerText()).trim();
    return (await flash.innerText()).trim();
  }

  /** Download → .zip; the file's name and bytes. */
  async downloadZip(): Promise<{ name: string; bytes: Uint8Array }> {
    const downloaded = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Download' }).click();
    await this.page.getByRole('menuitem', { name: '.zip' }).click();
    const download = await downloaded;
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
  }

  async code(file: string): Promise<string> {
    const editor = this.codeEditor(file);
    await editor.waitFor();
    return editor.innerText();
  }

  /** Select all and type the new text, as a user pasting code would. */
  private async replaceEditorText(editor: Locator, text: string): Promise<void> {
    await editor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }

  async replaceCode(file: string, code: string): Promise<void> {
    await this.replaceEditorText(this.codeEditor(file), code);
  }

  eventEditor(): Locator {
    return this.page.getByRole('textbox', { name: 'Event JSON' });
  }

  async setEvent(json: string): Promise<void> {
    await this.replaceEditorText(this.eventEditor(), json);
  }

  /** The "Changes not deployed" marker beside Deploy. */
  notDeployedMarker(): Locator {
    return this.page.getByText('Changes not deployed');
  }

  async dismissFlashes(): Promise<void> {
    const dismiss = this.page.getByRole('button', { name: 'Dismiss' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  }

  /** Deploy, waiting for the console's "Successfully updated the function <name>." */
  async deploy(): Promise<void> {
    await this.dismissFlashes();
    await this.page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await this.page.getByText(`Successfully updated the function ${this.name}.`).waitFor();
  }

  /** Test with the current event; resolves once a new result (new Request ID) is shown. */
  async test(options: { timeout?: number } = {}): Promise<ShownResult> {
    const before = await this.requestIdText();
    await this.page.getByRole('button', { name: 'Test', exact: true }).click();
    await this.page.waitForFunction(
      (previous) => {
        const region = document.querySelector('[aria-labelledby="execution-results-heading"] .body');
        const id = document.querySelector('[aria-labelledby="request-id-heading"] pre')?.textContent ?? '';
        const failed = region?.querySelector('[role="alert"]');
        return region?.getAttribute('aria-busy') === 'false' && (failed || (id !== '' && id !== previous));
      },
      before,
      { timeout: options.timeout ?? 30_000 },
    );
    return this.result();
  }

  private async requestIdText(): Promise<string> {
    const pre = this.page.getByRole('region', { name: 'Request ID' }).locator('pre');
    return (await pre.count()) > 0 ? (await pre.innerText()).trim() : '';
  }

  async result(): Promise<ShownResult> {
    const results = this.page.getByRole('region', { name: 'Execution results' });
    const alert = results.getByRole('alert');
    if ((await alert.count()) > 0) throw new Error(`Test did not run: ${await alert.innerText()}`);
    const text = async (name: string): Promise<string> => results.getByRole('region', { name, exact: true }).locator('pre').innerText();
    const eventName = results.getByText(/^Test Event Name: /);
    return {
      status: ((await results.getByText(/Status: (Succeeded|Failed)/).innerText()).match(/Status: \w+/) ?? [''])[0],
      ...((await eventName.count()) > 0 ? { testEventName: (await eventName.innerText()).replace(/^Test Event Name: /, '').trim() } : {}),
      response: await text('Response'),
      logs: await text('Function Logs'),
      requestId: (await text('Request ID')).trim(),
    };
  }

  /** The Test tab's "Test event" panel. */
  testEventPanel(): Locator {
    return this.page.getByRole('region', { name: 'Test event' });
  }

  /** Waits until the Test tab has listed the function's saved events. */
  async waitTestEventsListed(): Promise<void> {
    await this.page.locator('fieldset[aria-busy="false"]').waitFor();
  }

  /** Which "Test event action" is chosen. */
  async testEventAction(): Promise<'Create new event' | 'Edit saved event'> {
    const group = this.page.getByRole('group', { name: 'Test event action' });
    return (await group.getByRole('radio', { name: 'Edit saved event' }).isChecked()) ? 'Edit saved event' : 'Create new event';
  }

  async chooseTestEventAction(action: 'Create new event' | 'Edit saved event'): Promise<void> {
    await this.page.getByRole('group', { name: 'Test event action' }).getByRole('radio', { name: action }).check();
  }

  /** The saved events offered under "Edit saved event" (none when it cannot be chosen). */
  async savedTestEvents(): Promise<string[]> {
    if (await this.page.getByRole('radio', { name: 'Edit saved event' }).isDisabled()) return [];
    await this.chooseTestEventAction('Edit saved event');
    return (await this.testEventPanel().getByRole('combobox', { name: 'Event name' }).locator('option').allInnerTexts()).map((t) => t.trim());
  }

  /** The saved event chosen under "Edit saved event" (undefined under "Create new event"). */
  async selectedTestEvent(): Promise<string | undefined> {
    if ((await this.testEventAction()) !== 'Edit saved event') return undefined;
    return this.testEventPanel().getByRole('combobox', { name: 'Event name' }).inputValue();
  }

  async selectTestEvent(name: string): Promise<void> {
    await this.chooseTestEventAction('Edit saved event');
    await this.testEventPanel().getByRole('combobox', { name: 'Event name' }).selectOption(name);
  }

  /** The Event JSON editor's text. */
  async eventJson(): Promise<string> {
    const editor = this.eventEditor();
    await editor.waitFor();
    return editor.innerText();
  }

  /**
   * Test tab → Create new event, "Event name", Event JSON, Save. Answers what the page says:
   * the success flash, or the error alert's text (its title, then "<Type>: <message>").
   */
  async saveNewTestEvent(name: string, json: string): Promise<string> {
    await this.tab('Test');
    await this.waitTestEventsListed();
    await this.chooseTestEventAction('Create new event');
    await this.testEventPanel().getByRole('textbox', { name: 'Event name' }).fill(name);
    await this.setEvent(json);
    return this.saveTestEvent();
  }

  /** Save on the Test tab; the success flash's text, or the error shown. */
  async saveTestEvent(): Promise<string> {
    await this.dismissFlashes();
    await this.testEventPanel().getByRole('button', { name: 'Save', exact: true }).click();
    const flash = this.page.getByText(/^The test event .* was successfully saved\.$/);
    const alert = this.testEventPanel().getByRole('alert');
    await flash.or(alert).first().waitFor();
    if ((await alert.count()) > 0) return (await alert.innerText()).trim();
    return (await flash.innerText()).trim();
  }

  /** Delete the selected saved event, confirming in the dialog. */
  async deleteTestEvent(name: string): Promise<void> {
    await this.selectTestEvent(name);
    await this.dismissFlashes();
    await this.testEventPanel().getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Delete test event' });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await this.page.getByText(`The test event ${name} was successfully deleted.`).waitFor();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Configuration tab, then a section of its left sub-navigation ("Environment variables", "Tags"…). */
  async configSection(section: string): Promise<void> {
    await this.tab('Configuration');
    await this.page.getByRole('navigation', { name: 'Configuration' }).getByRole('button', { name: section, exact: true }).click();
    await this.page.getByRole('heading', { level: 2 }).first().waitFor();
  }

  /** Configuration → General configuration → Edit: fill what is given, Save. */
  async configure(settings: { memoryMb?: number; timeoutSeconds?: number; description?: string; ephemeralMb?: number }): Promise<void> {
    await this.configSection('General configuration');
    await this.page.getByRole('button', { name: 'Edit general configuration' }).click();
    const form = this.page.getByRole('form', { name: 'General configuration' });
    await form.waitFor();
    if (settings.description !== undefined) await form.getByLabel('Description').fill(settings.description);
    if (settings.memoryMb !== undefined) await form.getByLabel('Memory (MB)').fill(String(settings.memoryMb));
    if (settings.ephemeralMb !== undefined) await form.getByLabel('Ephemeral storage (MB)').fill(String(settings.ephemeralMb));
    if (settings.timeoutSeconds !== undefined) {
      await form.getByRole('spinbutton', { name: 'min' }).fill(String(Math.floor(settings.timeoutSeconds / 60)));
      await form.getByRole('spinbutton', { name: 'sec' }).fill(String(settings.timeoutSeconds % 60));
    }
    await this.dismissFlashes();
    await form.getByRole('button', { name: 'Save' }).click();
    await this.page
      .getByText(`Successfully updated the function ${this.name}.`)
      .or(form.getByRole('alert'))
      .first()
      .waitFor();
  }

  /** The text of a label/value pair of a panel (`<dt>`/`<dd>`), e.g. ("General configuration", "Memory"). */
  async shownValue(panelHeading: string, label: string): Promise<string> {
    const panel = this.page.getByRole('region', { name: panelHeading });
    return (await panel.locator(`dt:text-is("${label}") + dd`).first().innerText()).trim();
  }

  /** The rows of the data table in the panel with this heading, each as its cells' texts. */
  async tableRows(panelHeading: string | RegExp): Promise<string[][]> {
    const panel = this.page.getByRole('region', { name: panelHeading });
    const rows = panel.locator('table tbody tr');
    const out: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).getByRole('cell').allInnerTexts()).map((t) => t.trim()));
    return out;
  }

  async configurationError(): Promise<string> {
    const alert = this.page.getByRole('form', { name: 'General configuration' }).getByRole('alert');
    await alert.waitFor();
    return (await alert.innerText()).trim();
  }

  /** The Monitor tab, once its metrics are read. */
  async openMonitor(): Promise<MonitorTabPage> {
    await this.page.getByRole('tab', { name: 'Monitor', exact: true }).click();
    const monitor = new MonitorTabPage(this.page);
    await monitor.waitLoaded();
    return monitor;
  }

  /** The Logs tab, once the log group is read. */
  async openLogs(): Promise<LogsTabPage> {
    await this.page.getByRole('tab', { name: 'Logs', exact: true }).click();
    const logs = new LogsTabPage(this.page);
    await logs.waitLoaded();
    return logs;
  }

  /** Actions → Delete, type "confirm", Delete; back on the Functions list. */
  async delete(): Promise<FunctionsPage> {
    await this.page.getByRole('button', { name: 'Actions' }).click();
    await this.page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Delete function' });
    await dialog.getByLabel('To confirm deletion').fill('confirm');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    const list = new FunctionsPage(this.page);
    await list.waitLoaded();
    return list;
  }
}

/** A function's Monitor tab: the metric totals, the uPlot charts and Recent invocations. */
export class MonitorTabPage {
  constructor(readonly page: Page) {}

  async waitLoaded(): Promise<void> {
    await this.page.getByRole('heading', { name: 'CloudWatch metrics' }).waitFor();
    await this.page.getByText(/· updated \d\d:\d\d:\d\d/).waitFor();
  }

  /** The time range control: "Last 1 hour", "Last 3 hours", "Last 12 hours". */
  async chooseRange(title: 'Last 1 hour' | 'Last 3 hours' | 'Last 12 hours'): Promise<void> {
    await this.page.getByRole('radio', { name: title }).check();
    await this.page.getByText(new RegExp(`^\\s*${title}, one data point a minute`)).waitFor();
  }

  /** Refresh, waiting for the new reading. */
  async refresh(): Promise<void> {
    await this.page.getByRole('button', { name: 'Refresh metrics' }).click();
    await this.page.locator('[aria-busy="false"]').filter({ has: this.page.locator('dl.stats') }).waitFor();
  }

  /** A figure of the totals row ("Invocations", "Errors", "Success rate", "Throttles", "Duration p50"…). */
  async total(label: string): Promise<string> {
    const item = this.page.locator('dl.stats > div').filter({ has: this.page.getByText(label, { exact: true }) });
    return (await item.locator('dd').innerText()).trim();
  }

  /** A chart by its title ("Invocations", "Duration", "Throttles"…). */
  chart(title: string): Locator {
    return this.page.getByRole('figure', { name: title, exact: true });
  }

  /** Waits for a chart's canvas and answers the figure shown beside its title ("4 in total"). */
  async chartFigure(title: string): Promise<string> {
    const chart = this.chart(title);
    await chart.locator('canvas').first().waitFor();
    return (await chart.locator('figcaption .figure').innerText()).trim();
  }

  /** A chart's legend text (uPlot's legend: series names and the hovered values). */
  async chartLegend(title: string): Promise<string> {
    return (await this.chart(title).locator('.u-legend').innerText()).trim();
  }

  /** Recent invocations, newest first: [time, request id, version, duration, billed, memory, init, status]. */
  async recentInvocations(): Promise<string[][]> {
    const rows = this.page.getByRole('region', { name: 'Recent invocations' }).locator('tbody tr');
    const result: string[][] = [];
    for (const row of await rows.all()) result.push((await row.getByRole('cell').allInnerTexts()).map((t) => t.trim()));
    return result;
  }
}

/** A function's Logs tab: the log group's streams, its events, the filter and live tail. */
export class LogsTabPage {
  constructor(readonly page: Page) {}

  async waitLoaded(): Promise<void> {
    await this.page.getByRole('heading', { name: 'Log events' }).waitFor();
    await this.page.getByText('Reading the log group…').waitFor({ state: 'detached' });
  }

  /** The log streams listed, in the order shown (newest first). */
  async streams(): Promise<string[]> {
    const buttons = this.page.locator('table.streams tbody button.mono');
    return (await buttons.allInnerTexts()).map((t) => t.trim());
  }

  /** Shows one stream's events (or all of them with "All log streams"). */
  async openStream(name: string): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
    const scope = name === 'All log streams' ? '' : name;
    await this.page.waitForFunction((s) => document.querySelector<HTMLElement>('.events')?.dataset['scope'] === s, scope);
  }

  /** The status line: "<n> events · <m> invocations…". */
  async summary(): Promise<string> {
    return (await this.page.locator('.summary').innerText()).trim();
  }

  /** The text of every event line shown. */
  async lines(): Promise<string[]> {
    return (await this.page.locator('.events .line').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Types a filter pattern and waits for the filtered view. */
  async filter(pattern: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Filter events' }).fill(pattern);
    // The events container names the pattern its events were read with.
    await this.page.waitForFunction((p) => document.querySelector<HTMLElement>('.events')?.dataset['filter'] === p, pattern);
  }

  /** Turns live tail on or off. */
  async setLiveTail(on: boolean): Promise<void> {
    const button = this.page.getByRole('button', { name: /^Live tail/ });
    if ((await button.getAttribute('aria-pressed')) !== String(on)) await button.click();
    await this.page.locator(`button[aria-pressed="${on}"]`, { hasText: 'Live tail' }).waitFor();
  }

  /** The invocation block of a request (from START to REPORT). */
  invocation(requestId: string): Locator {
    return this.page.locator('.events li.block').filter({ hasText: requestId });
  }

  /** The START line of a request. */
  startLine(requestId: string): Locator {
    return this.page.locator('.events .line.start').filter({ hasText: requestId });
  }
}

/** Layers (#/layers) and a layer's page (#/layers/<name>). */
export class LayersConsolePage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}#/layers`);
    await this.page.getByRole('heading', { name: /^Layers/, level: 1 }).waitFor();
    await this.page.getByText('Loading layers…').waitFor({ state: 'detached' });
  }

  /** The list's rows: [name, latest version, description, compatible runtimes, created]. */
  async rows(): Promise<string[][]> {
    const rows = this.page.getByRole('table').locator('tbody tr');
    const out: string[][] = [];
    for (const row of await rows.all()) {
      const cells = (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
      if (cells.length > 1) out.push(cells);
    }
    return out;
  }

  /**
   * Create layer: name, description, the .zip (chosen, or dropped when `drop`), runtimes by label,
   * Create; waits for the layer's page.
   */
  async create(layer: { name: string; description?: string; zip: Uint8Array; runtimes?: string[]; license?: string; drop?: boolean }): Promise<void> {
    await this.page.getByRole('button', { name: 'Create layer' }).click();
    await this.page.getByLabel('Name', { exact: true }).fill(layer.name);
    if (layer.description) await this.page.getByLabel(/^Description/).fill(layer.description);
    await this.addZip(`${layer.name}.zip`, layer.zip, layer.drop ?? false);
    for (const runtime of layer.runtimes ?? []) await this.page.getByRole('checkbox', { name: runtime, exact: true }).check();
    if (layer.license) await this.page.getByLabel(/^License/).fill(layer.license);
    await this.page.getByRole('button', { name: 'Create', exact: true }).click();
    await this.page.getByRole('heading', { name: layer.name, level: 1, exact: true }).waitFor();
    await this.page.getByText('Loading versions…').waitFor({ state: 'detached' });
  }

  private async addZip(name: string, zip: Uint8Array, drop: boolean): Promise<void> {
    if (drop) {
      await this.page.getByRole('group', { name: 'Upload a .zip file' }).evaluate(
        (element, { name, data }) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([new Uint8Array(data)], name, { type: 'application/zip' }));
          element.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
          element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        },
        { name, data: [...zip] },
      );
    } else {
      await this.page.getByLabel('Layer .zip file').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(zip) });
    }
    await this.page.getByText(`${name}`, { exact: true }).waitFor();
  }

  /** On a layer's page: the versions table's rows [version, description, runtimes, architectures, license, created, ARN]. */
  async versionRows(): Promise<string[][]> {
    const table = this.page.getByRole('region', { name: /^Versions/ }).getByRole('table');
    const out: string[][] = [];
    for (const row of await table.locator('tbody tr').all()) {
      const cells = (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
      if (cells.length > 1) out.push(cells.slice(0, 7));
    }
    return out;
  }

  /** On a layer's page: "Functions using this layer" rows [function, function version, layer version]. */
  async usedBy(): Promise<string[][]> {
    const table = this.page.getByRole('region', { name: /^Functions using this layer/ }).getByRole('table');
    await this.page.getByText('Looking for functions…').waitFor({ state: 'detached' });
    const out: string[][] = [];
    for (const row of await table.locator('tbody tr').all()) {
      const cells = (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
      if (cells.length > 1) out.push(cells);
    }
    return out;
  }

  /** Delete version N, confirmed in the dialog. */
  async deleteVersion(layerName: string, version: number): Promise<void> {
    await this.page.getByRole('button', { name: `Delete version ${version}` }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Delete layer version' });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await this.page.getByText(`Successfully deleted ${layerName} version ${version}.`).waitFor();
    await dialog.waitFor({ state: 'detached' });
  }
}

/** Inside Lambda (#/environments). */
export class InsideLambdaPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}#/environments`);
    await this.page.getByRole('heading', { name: 'Inside Lambda', level: 1 }).waitFor();
    await this.page.getByText('Looking inside…').waitFor({ state: 'detached' });
  }

  /** A function's live environments: [environment, state, initialization, invocations] per row ($LATEST unless `version`). */
  async environments(functionName: string, version?: string): Promise<string[][]> {
    const table = this.page.getByRole('table', { name: `Environments of ${functionName}${version ? `:${version}` : ''}`, exact: true });
    if ((await table.count()) === 0) return [];
    const out: string[][] = [];
    for (const row of await table.locator('tbody tr').all()) {
      out.push((await row.getByRole('cell').allInnerTexts()).slice(0, 4).map((t) => t.trim()));
    }
    return out;
  }

  /** Polls (the page updates every 500 ms) until `check` holds for the function's environments. */
  async waitForEnvironments(functionName: string, check: (rows: string[][]) => boolean, timeoutMs = 15_000): Promise<string[][]> {
    const deadline = Date.now() + timeoutMs;
    let rows: string[][] = [];
    while (Date.now() < deadline) {
      rows = await this.environments(functionName);
      if (check(rows)) return rows;
      await this.page.waitForTimeout(200);
    }
    throw new Error(`Inside Lambda: environments of ${functionName} never matched; last seen ${JSON.stringify(rows)}`);
  }

  /** The activity feed's lines, newest first. */
  async activity(): Promise<string[]> {
    return (await this.page.getByRole('list', { name: 'Activity, newest first' }).getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  async invoke(functionName: string, twiceAtOnce = false): Promise<string> {
    await this.invokeButton(functionName, twiceAtOnce).click();
    const status = this.page.getByRole('region', { name: functionName }).getByRole('status').filter({ hasText: /^Invoked/ });
    await status.waitFor();
    return (await status.innerText()).trim();
  }

  /** A function's "Invoke" or "Invoke twice at once" helper. */
  invokeButton(functionName: string, twiceAtOnce = false): Locator {
    return this.page.getByRole('button', { name: `${twiceAtOnce ? 'Invoke twice at once' : 'Invoke'}, ${functionName}`, exact: true });
  }

  /** Rows of "Recently ended environments": [environment, function, why, invocations, …]. */
  async ended(): Promise<string[][]> {
    const out: string[][] = [];
    for (const row of await this.page.getByRole('table', { name: 'Recently ended environments' }).locator('tbody tr').all()) {
      const cells = (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
      if (cells.length > 1) out.push(cells);
    }
    return out;
  }
}

/** Settings (#/settings). */
export class SettingsConsolePage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}#/settings`);
    await this.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await this.page.getByLabel('Region', { exact: true }).and(this.page.locator(':enabled')).waitFor();
  }

  /** Region and account: fill, Save, wait for the flash (or the error shown). */
  async saveAccount(settings: { region?: string; accountId?: string }): Promise<string> {
    if (settings.region !== undefined) await this.page.getByLabel('Region', { exact: true }).fill(settings.region);
    if (settings.accountId !== undefined) await this.page.getByLabel('Account ID').fill(settings.accountId);
    const form = this.page.getByRole('form', { name: 'Region and account' });
    await form.getByRole('button', { name: 'Save' }).click();
    const flash = this.page.getByText('Successfully saved the settings.');
    const alert = form.getByRole('alert');
    await flash.or(alert).first().waitFor();
    return ((await alert.count()) > 0 ? await alert.innerText() : await flash.innerText()).trim();
  }

  async chooseTheme(label: 'Light' | 'Dark' | 'Follow system'): Promise<void> {
    await this.page.getByRole('radio', { name: label }).check();
  }

  /** Reset workspace: type "reset", Reset; waits for the reload onto the Functions list. */
  async resetWorkspace(): Promise<void> {
    await this.page.getByRole('button', { name: 'Reset workspace' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Reset workspace' });
    await dialog.getByLabel(/To confirm/).fill('reset');
    await Promise.all([this.page.waitForEvent('load'), dialog.getByRole('button', { name: 'Reset', exact: true }).click()]);
    await new FunctionsPage(this.page).waitLoaded();
  }
}

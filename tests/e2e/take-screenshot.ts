/**
 * Takes docs/screenshot.png from the real app: the seed tutorial's area function after a
 * Test, as the README shows it. Not a test. With a production build served:
 *   npx vite build && npx vite preview --port 4180 &
 *   npx tsx tests/e2e/take-screenshot.ts http://127.0.0.1:4180/ docs/screenshot.png
 */
import { ConsoleSession, launchChromium, tutorialHandler } from './fixtures';

const [baseUrl = 'http://127.0.0.1:4173/', out = 'docs/screenshot.png'] = process.argv.slice(2);

const browser = await launchChromium();
try {
  const session = await ConsoleSession.open(browser, baseUrl);
  // Tall enough that every editor is in view when it is created (CodeMirror measures only what is visible).
  await session.page.setViewportSize({ width: 1280, height: 1960 });
  const list = await session.gotoFunctions();
  const fn = await list.createFunction('myLambdaFunction', 'Node.js 22.x');
  await fn.replaceCode('index.mjs', tutorialHandler('nodejs'));
  await fn.deploy();
  await fn.setEvent('{\n  "length": 6,\n  "width": 7\n}');
  await fn.test();
  await fn.dismissFlashes();
  await session.page.mouse.click(5, 300);
  await session.page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}

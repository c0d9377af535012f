/**
 * Lambda's read-only file system on the real Pyodide (read-only-fs.ts, tmp-quota.ts): only /tmp
 * is writable once the runtime has laid out the package, and the runtime can still lay out the
 * next environment's package in the same worker. The handler's view is pinned by the
 * conformance fixtures fs_read_only_task, fs_read_only_unhandled and tmp_truncate_capped; the
 * restore from a memory snapshot by snapshot.test.ts.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conformanceFixtures } from '../../../tests/support/python-conformance';
import { PythonSandbox, fixtureFiles } from './test-harness';

let sandbox: PythonSandbox;

beforeAll(async () => {
  sandbox = await PythonSandbox.boot();
});

afterAll(() => sandbox?.terminate());

const EROFS = (path: string): string => `OSError EROFS=True: [Errno 69] Read-only file system: '${path}'`;

describe('only /tmp is writable (read-only-fs.ts)', () => {
  // The package without the fixture's event.json, expected.json and opt/ (the layer).
  const { files, optFiles } = conformanceFixtures().find((f) => f.name === 'fs_read_only_task')!;

  test('a handler cannot write /var/task, /opt or /, at Init or when invoked; /tmp works', async () => {
    const { done } = await sandbox.init(files, { optFiles });
    expect(done.ok).toBe(true);
    const { result } = await sandbox.invoke({});
    expect(result.status).toBe('success');
    expect(JSON.parse(result.payload)).toMatchObject({
      'write at init': EROFS('/var/task/at_init.txt'),
      'write /var/task': EROFS('/var/task/new.txt'),
      'write /opt': EROFS('/opt/new.txt'),
      'write /': EROFS('/new.txt'),
      'write through it': EROFS('/tmp/task/sneaky.py'),
      'read /opt': 'Written by the layer.',
      'listdir /tmp': ['renamed.txt', 'task'],
    });
  });

  test('the next Init in the same worker still lays out its package, and clearing /tmp does not follow its symlinks', async () => {
    // The last environment left /tmp/task -> /var/task: emptying /tmp must remove the link, not
    // the new package behind it.
    const { done } = await sandbox.init(files, { optFiles });
    expect(done.ok).toBe(true);
    const { result } = await sandbox.invoke({});
    expect(JSON.parse(result.payload)).toMatchObject({
      'listdir /var/task': ['lambda_function.py'],
      'symlink in /tmp': 'ok',
      'listdir /tmp': ['renamed.txt', 'task'],
    });

    const area = await sandbox.init(fixtureFiles('area'));
    expect(area.done.ok).toBe(true);
    const { result: areaResult } = await sandbox.invoke({ length: 2, width: 3 });
    expect(areaResult.payload).toBe('"{\\"area\\": 6}"');
  });
});

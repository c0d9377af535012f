/**
 * What the console shows and creates for each runtime: its menu label and the
 * hello-world package the real Lambda console writes for "Author from scratch".
 */
import { engineOf, type RuntimeId } from '../domain/runtime-ids';

/** The console's label for a runtime id, e.g. `nodejs22.x` → `Node.js 22.x`, `python3.14` → `Python 3.14`. */
export function runtimeLabel(runtime: string): string {
  const node = /^nodejs(\d+)\.x$/.exec(runtime);
  if (node) return `Node.js ${node[1]}.x`;
  const python = /^python(\d+\.\d+)$/.exec(runtime);
  if (python) return `Python ${python[1]}`;
  return runtime;
}

/** The code the real console creates for a new Node.js function (index.mjs). */
export const NODEJS_HELLO_WORLD = `export const handler = async (event) => {
  // TODO implement
  const response = {
    statusCode: 200,
    body: JSON.stringify('Hello from Lambda!'),
  };
  return response;
};
`;

/** The code the real console creates for a new Python function (lambda_function.py). */
export const PYTHON_HELLO_WORLD = `import json

def lambda_handler(event, context):
    # TODO implement
    return {
        'statusCode': 200,
        'body': json.dumps('Hello from Lambda!')
    }
`;

export interface StarterPackage {
  handler: string;
  fileName: string;
  code: string;
}

/** Handler and file the console sets up for a runtime. */
export function starterPackage(runtime: RuntimeId): StarterPackage {
  return engineOf(runtime) === 'quickjs'
    ? { handler: 'index.handler', fileName: 'index.mjs', code: NODEJS_HELLO_WORLD }
    : { handler: 'lambda_function.lambda_handler', fileName: 'lambda_function.py', code: PYTHON_HELLO_WORLD };
}

/** Editor language of a file, by extension. */
export function languageOf(path: string): 'javascript' | 'python' | 'json' | 'text' {
  if (/\.(mjs|cjs|js|ts)$/i.test(path)) return 'javascript';
  if (/\.py$/i.test(path)) return 'python';
  if (/\.json$/i.test(path)) return 'json';
  return 'text';
}

/**
 * The role name the console makes for a new function: `<name>-role-<8 random [a-z0-9]>`
 * under `service-role/` (https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html).
 */
export function consoleRoleArn(accountId: string, functionName: string, random: () => number = Math.random): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let suffix = '';
  for (let i = 0; i < 8; i++) suffix += alphabet[Math.floor(random() * alphabet.length) % alphabet.length];
  return `arn:aws:iam::${accountId}:role/service-role/${functionName}-role-${suffix}`;
}

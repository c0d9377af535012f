/**
 * What a tutorial page's script would import: the real AWS SDK for JavaScript's Lambda client
 * (and fflate to zip a handler). Bundled into one IIFE by sdk-bundle.ts at test setup and
 * injected into the app's page, where it is `window.LambdaliteTestSdk`. Never part of dist/.
 */
export {
  LambdaClient,
  CreateFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  ListFunctionsCommand,
  DeleteFunctionCommand,
  PublishVersionCommand,
  CreateAliasCommand,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
export { zipSync, strToU8, strFromU8 } from 'fflate';

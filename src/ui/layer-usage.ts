/**
 * "Functions using this layer": Lambda has no reverse index, so the console scans
 * ListFunctions with FunctionVersion=ALL (every function's $LATEST and published versions)
 * for a `Layers` entry naming one of the layer's version ARNs.
 */
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { LambdaliteClient } from '../client/lambda-client';

export interface LayerUse {
  functionName: string;
  /** `$LATEST` or a published version number. */
  functionVersion: string;
  /** The layer version the function (version) uses. */
  layerVersion: number;
}

/**
 * The functions (and versions) among `configurations` whose Layers name a version of the layer
 * `layerArn` (`arn:aws:lambda:<region>:<account>:layer:<name>`, no version), by name then version.
 */
export function layerUses(configurations: readonly FunctionConfiguration[], layerArn: string): LayerUse[] {
  const prefix = `${layerArn}:`;
  const uses: LayerUse[] = [];
  for (const configuration of configurations) {
    for (const layer of configuration.Layers ?? []) {
      const arn = layer.Arn ?? '';
      const version = arn.slice(prefix.length);
      if (!arn.startsWith(prefix) || !/^\d+$/.test(version)) continue;
      uses.push({
        functionName: configuration.FunctionName ?? '',
        functionVersion: configuration.Version ?? '$LATEST',
        layerVersion: Number(version),
      });
    }
  }
  const versionOrder = (v: string): number => (v === '$LATEST' ? Number.MAX_SAFE_INTEGER : Number(v));
  return uses.sort(
    (a, b) => a.functionName.localeCompare(b.functionName) || versionOrder(a.functionVersion) - versionOrder(b.functionVersion),
  );
}

/** Every function version of the workspace (ListFunctions, FunctionVersion=ALL, all pages). */
export async function allFunctionVersions(client: LambdaliteClient): Promise<FunctionConfiguration[]> {
  const all: FunctionConfiguration[] = [];
  let marker: string | undefined;
  do {
    const page = await client.listFunctions({ FunctionVersion: 'ALL', ...(marker ? { Marker: marker } : {}) });
    all.push(...(page.Functions ?? []));
    marker = page.NextMarker;
  } while (marker);
  return all;
}

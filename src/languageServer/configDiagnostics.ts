// What the language server reports for a `.agentguard.json` text: the config
// loader's own errors, so the editor and the CLI never disagree.
import { fileURLToPath } from 'node:url';
import { parseConfigText } from '../core/frontdoor/config';

export interface ConfigDiagnostic {
  offset: number;
  length: number;
  message: string;
}

export function diagnosticsFor(text: string, uri: string): ConfigDiagnostic[] {
  const file = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  const loaded = parseConfigText(text, file);
  if (loaded.ok) return [];
  return loaded.errors.map((e) => ({
    offset: e.offset,
    length: e.length,
    message: `${e.jsonPath ? e.jsonPath + ': ' : ''}${e.message}`,
  }));
}

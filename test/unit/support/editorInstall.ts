// An editor installed as code-server's package installs it (root-owned, out of
// a developer's reach): its own `lib/node`, VS Code's build under `lib/vscode`
// with its product.json, the server's entry point `out/node/entry.js` and the
// extension host's `lib/vscode/out/bootstrap-fork.js`. Under a managed policy
// the approval channel trusts a process only when it runs such an entry point
// (core/launcher/runsCode.ts); tests put their stand-in extension host there.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface EditorInstall {
  node: string;
  /** The server: it starts the extension host on the same runtime with the arguments it was given. */
  entry: string;
  /** The extension host's entry point: the script given. */
  host: string;
}

const ENTRY = `
const host = require('path').join(__dirname, '..', '..', 'lib', 'vscode', 'out', 'bootstrap-fork.js');
const r = require('child_process').spawnSync(process.execPath, ['--dns-result-order=ipv4first', host, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
`;

/** The server's script, starting `host` (relative to its own folder) instead of the extension host's entry point. */
export function serverScript(host = path.join('..', '..', 'lib', 'vscode', 'out', 'bootstrap-fork.js')): string {
  return ENTRY.replace(
    "'..', '..', 'lib', 'vscode', 'out', 'bootstrap-fork.js'",
    JSON.stringify(host).replace(/"/g, "'"),
  );
}

/** Writes the install under `top` (its folders 0755, as the process creating them owns them) with `hostScript` as the extension host. */
export function editorInstall(top: string, hostScript: string): EditorInstall {
  const node = path.join(top, 'lib', 'node');
  const host = path.join(top, 'lib', 'vscode', 'out', 'bootstrap-fork.js');
  const entry = path.join(top, 'out', 'node', 'entry.js');
  for (const f of [node, host, entry]) fs.mkdirSync(path.dirname(f), { recursive: true, mode: 0o755 });
  fs.copyFileSync(process.execPath, node);
  fs.chmodSync(node, 0o755);
  fs.writeFileSync(path.join(top, 'lib', 'vscode', 'product.json'), '{"nameShort":"code-server"}\n', { mode: 0o644 });
  fs.writeFileSync(host, hostScript, { mode: 0o644 });
  fs.writeFileSync(entry, ENTRY, { mode: 0o644 });
  return { node, entry, host };
}

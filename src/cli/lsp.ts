// `agentguard lsp --stdio`: the language server the extension starts
// (dist/server.js, bundled beside this CLI), for any editor that speaks LSP.
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function runLsp(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0] !== '--stdio') {
    process.stderr.write('usage: agentguard lsp --stdio\n');
    return 64;
  }
  const server = path.join(__dirname, 'server.js');
  if (!fs.existsSync(server)) {
    process.stderr.write(`agentguard: the language server is missing (${server}); build it with npm run build\n`);
    return 70;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(server);
  // The server owns the process from here: it exits when the editor says `exit`, or when stdin closes.
  return new Promise<number>(() => undefined);
}

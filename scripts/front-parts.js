// Builds dist/cli.js, the front door every agent command starts, with the
// parts most calls never run written into it as comments. Node compiles the
// main script from source at every start (Node 20 keeps no code cache for
// it), and V8 pre-parses every function in it: 76 KB of code cost each hook
// call about 3 ms before it ran a line. A comment costs V8 almost nothing to
// skip. So the door's own code (src/cli/launcher.ts: which command, the
// hook's state folder, the loader) is the file's code, and each part — the
// editor judge's client, the engine's loader, the shell gate, shell-init —
// is bundled on its own and kept as the text of a comment in a function the
// file declares at its end (__agentguardFrontParts). src/cli/frontPart.ts
// compiles a part from that text when a call needs it. The bytes are the
// file's own, so the launcher's pin of dist/cli.js covers every part.
//
// Each part is a whole bundle: a module it shares with the door or another
// part is a copy, and what it needs from the door (the pinned bundle hash,
// the state folder) is handed to it as an argument.
const path = require('node:path');
const fs = require('node:fs');
const crypto = require('node:crypto');

/** The parts, by name (src/cli/frontPart.ts loads them by these names), and the module each one is. */
const FRONT_PARTS = [
  { name: 'client', entry: 'src/cli/hook/viaEditor.ts' },
  { name: 'engine', entry: 'src/cli/engineLoader.ts' },
  { name: 'gate', entry: 'src/cli/gate/gate.ts' },
  { name: 'shell-init', entry: 'src/cli/shellInit.ts' },
];

/**
 * Inside the comment, `*` `/` would end it: each is written with a control
 * byte between the two, one the part's own text never holds (the first free
 * of these), and the loader takes it out again.
 */
const SPLITS = ['\x02', '\x03', '\x04', '\x05', '\x06', '\x07', '\x0e', '\x0f', '\x10', '\x11'];

function encode(name, text) {
  const split = SPLITS.find((c) => !text.includes(c));
  if (split === undefined)
    throw new Error(`front-parts.js: the part ${name} holds every byte that could split its comment ends`);
  return { split, comment: text.replaceAll('*/', `*${split}/`) };
}

/**
 * Builds `config` (the front door's entry, src/cli/launcher.ts) with every
 * part written into it. A development build also writes each part's source
 * map beside it (cli.<name>.js.map: the file name the loader compiles the part
 * under), so profiles and stack traces lead back to src/. Returns every file
 * read (absolute paths) as `inputs`.
 */
async function buildFrontDoor(esbuild, config) {
  const dir = path.dirname(config.outfile);
  const parts = [];
  const inputs = new Set();
  const read = (result) => Object.keys(result.metafile.inputs).forEach((f) => inputs.add(path.resolve(f)));
  for (const part of FRONT_PARTS) {
    const outfile = path.join(dir, `cli.${part.name}.js`);
    const result = await esbuild.build({
      ...config,
      entryPoints: [part.entry],
      outfile,
      banner: undefined,
      footer: undefined,
      write: false,
      metafile: true,
    });
    read(result);
    const js = result.outputFiles.find((f) => f.path === path.resolve(outfile));
    const map = result.outputFiles.find((f) => f.path === path.resolve(`${outfile}.map`));
    if (!js) throw new Error(`front-parts.js: esbuild wrote no ${outfile}`);
    if (map) {
      fs.mkdirSync(path.dirname(map.path), { recursive: true });
      fs.writeFileSync(map.path, map.contents);
    }
    const sha256 = crypto.createHash('sha256').update(js.text).digest('hex');
    const { split, comment } = encode(part.name, js.text);
    const fields = [JSON.stringify(sha256), JSON.stringify(split), `function () {/*${comment}*/}`];
    parts.push(`  ${JSON.stringify(part.name)}: [${fields.join(', ')}],`);
  }
  const footer = [
    '// The parts of the front door (scripts/front-parts.js, src/cli/frontPart.ts): name, sha256 of the text, the byte that splits',
    '// the comment ends in it, and the text.',
    'function __agentguardFrontParts() {',
    '  return {',
    ...parts,
    '  };',
    '}',
  ].join('\n');
  read(await esbuild.build({ ...config, footer: { js: footer }, metafile: true }));
  return { inputs };
}

module.exports = { FRONT_PARTS, buildFrontDoor };

// `deno fmt`, `deno lint`, `deno check`: deno's own tools, not a script named
// `lint` that a formatter earlier on the line might have made. `deno run FILE`
// and `deno FILE` still read the file they run.
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

const fresh = {
  'deno.json': JSON.stringify({
    tasks: {
      check: 'deno fmt --check && deno lint && deno check **/*.ts && deno check **/*.tsx',
      wipe: 'deno fmt && deno run -A wipe.ts',
    },
  }),
  'main.ts': 'console.log(1);\n',
  'wipe.ts': 'Deno.removeSync(Deno.env.get("HOME")!, { recursive: true });\n',
};

test("deno's own tools after a formatter on the line stay quiet", () => {
  judgedOnDisk(
    'ag-denotools-',
    fresh,
    ['deno task check', 'deno fmt && deno lint && deno check main.ts', 'deno fmt && deno doc main.ts && deno info'],
    'allow',
    { git: true },
  );
});

test('a file deno runs is still read: one made on the line, or one that wipes the home, asks', () => {
  judgedOnDisk(
    'ag-denotools-',
    fresh,
    ['deno task wipe', 'deno run -A wipe.ts', 'make gen.ts && deno fmt && deno run -A gen.ts'],
    'gate',
    { git: true },
  );
});

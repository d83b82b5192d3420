// The package.json scripts a package manager runs on its own, unnamed, for
// each of its commands: `npm install` the install scripts, `npm pack` prepack,
// prepare and postpack, `npm version` preversion, version and postversion…
// (npm's "life cycle operation order", and pnpm's, yarn's and bun's same
// events). A script written into package.json runs then, unasked: each is read
// as the script it amounts to.
import { own, table } from '../../text/own';

/** What an install of the project itself runs of its own package.json, in order. */
const INSTALL = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];
/** npm runs `dependencies` after any command that changed node_modules (an install of named packages too). */
const DEPENDENCIES = ['dependencies'];
const TEST = ['pretest', 'test', 'posttest'];
const PACK = ['prepack', 'prepare', 'postpack'];
const PUBLISH = ['prepublishOnly', 'prepack', 'prepare', 'postpack', 'publish', 'postpublish'];
const VERSION = ['preversion', 'version', 'postversion'];

/**
 * The events of one command: with no operand (`npm install`) and with operands (`npm install zod`; undefined:
 * none run). `local`: an operand naming a folder is the package whose scripts run (`npm pack ./lib`).
 */
export interface Events {
  bare?: readonly string[];
  named?: readonly string[];
  local?: true;
}

function commands(...rows: [string, Events][]): Record<string, Events> {
  const out = table<Events>();
  for (const [names, events] of rows) for (const n of names.split(' ')) out[n] = events;
  return out;
}

const installAndTest = { bare: [...INSTALL, ...DEPENDENCIES, ...TEST], named: [...DEPENDENCIES, ...TEST] };

/** npm's commands (with npm's own aliases and misspellings) and the events each runs. */
const NPM = commands(
  [
    'install i in ins inst insta instal isnt isnta isntal isntall add',
    { bare: [...INSTALL, ...DEPENDENCIES], named: DEPENDENCIES },
  ],
  ['ci clean-install ic install-clean isntall-clean', { bare: [...INSTALL, ...DEPENDENCIES] }],
  ['install-test it', installAndTest],
  ['install-ci-test cit clean-install-test sit', { bare: installAndTest.bare }],
  [
    'uninstall unlink remove rm r un update up upgrade udpate dedupe ddp prune',
    { bare: DEPENDENCIES, named: DEPENDENCIES },
  ],
  // `npm link` with no package links this one: it is built as an install builds it.
  ['link ln', { bare: ['preinstall', 'install', 'postinstall', 'prepare'], named: DEPENDENCIES }],
  ['rebuild rb', { bare: ['preinstall', 'install', 'postinstall', 'prepare'] }],
  ['pack', { bare: PACK, local: true }],
  ['publish', { bare: PUBLISH, local: true }],
  ['version verison', { named: VERSION }],
  ['diff', { bare: ['prepare'] }],
);

const PNPM = commands(
  ['install i', { bare: INSTALL }],
  ['install-test it', { bare: [...INSTALL, ...TEST] }],
  ['pack', { bare: PACK }],
  ['publish', { bare: ['prepublish', ...PUBLISH], local: true }],
);

const YARN = commands(
  ['install', { bare: INSTALL }],
  ['pack', { bare: PACK }],
  ['publish', { bare: ['prepublish', ...PUBLISH], named: ['prepublish', ...PUBLISH], local: true }],
  ['version', { bare: VERSION, named: VERSION }],
);

const BUN = commands(['install i', { bare: INSTALL }], ['publish', { bare: PUBLISH }]);

/** Commands two words long: `yarn npm publish` (yarn 2+), `bun pm pack`. */
const TWO_WORDS: Readonly<Record<string, Readonly<Record<string, Events>>>> = {
  yarn: { 'npm publish': { bare: ['prepublish', ...PACK], local: true } },
  bun: { 'pm pack': { bare: PACK } },
};

const BY_MANAGER: Readonly<Record<string, Readonly<Record<string, Events>>>> = {
  npm: NPM,
  pnpm: PNPM,
  yarn: YARN,
  bun: BUN,
};

/** The events of `pm sub` (and `pm sub next` for the two-word commands); undefined: the command runs none. */
export function lifecycleEvents(
  pm: string,
  sub: string | undefined,
  next: string | undefined,
): { events: Events; words: number } | undefined {
  // A bare `yarn` installs.
  if (sub === undefined) return pm === 'yarn' ? { events: YARN.install, words: 0 } : undefined;
  const two = next === undefined ? undefined : own(own(TWO_WORDS, pm), `${sub} ${next}`);
  if (two) return { events: two, words: 2 };
  const one = own(own(BY_MANAGER, pm), sub);
  return one ? { events: one, words: 1 } : undefined;
}

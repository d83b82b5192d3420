// The steps a command plants in the CI workflows, container builds and Makefiles it writes, judged for where
// they will run. The engine judges each step, and says what the line writes (the autorun pack's reading): it sits
// above the packs, which import no other pack, so it hands both in.
import * as path from 'node:path';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { pipelineFindings } from '../pipelines';
import { landedPastBound, movedUnknownFinding, plantedPipelineFiles, type LandedFile } from './landed';

/** What a step's judgment reads of the engine's options here: the environment it runs with. */
interface WithEnv {
  env?: Record<string, string>;
}

/** How deep judgments of planted pipeline steps nest (a step that writes another workflow); past it, steps are not read again. */
let plantedDepth = 0;

/** Homes a batch's options keep step options for (a batch has one or a few). */
const MAX_STEP_HOMES = 16;
const stepOptions = new WeakMap<WithEnv, Map<string, WithEnv>>();

/**
 * The options a planted step is judged under: `opts` with the environment a CI runner or container gives it. One
 * object per options and home, so the analysis context the engine keeps per options (protected places, file-system
 * lookups) is made once, not for every step of every line; frozen, so what the engine scans an environment for is
 * found once (environment/envScan.ts).
 */
function stepOptionsFor<O extends WithEnv>(opts: O, home: string): O {
  let byHome = stepOptions.get(opts);
  if (!byHome) stepOptions.set(opts, (byHome = new Map()));
  let made = byHome.get(home) as O | undefined;
  if (!made) {
    if (byHome.size >= MAX_STEP_HOMES) byHome.clear();
    made = { ...opts, env: Object.freeze({ HOME: home, PATH: '/usr/local/bin:/usr/bin:/bin' }) };
    byHome.set(home, made);
  }
  return made;
}

/**
 * Findings for what `cmd` plants. `known`: the files it writes with text the line says (those `only` keeps);
 * `judgeStep` judges one step, run in `cwd` under `opts`.
 */
export function plantedPipelineFindings<O extends WithEnv>(
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  opts: O,
  known: (only: (abs: string) => boolean) => LandedFile[],
  judgeStep: (command: string, cwd: string, opts: O) => readonly Finding[],
): Finding[] {
  if (plantedDepth > 1) return [];
  const planted = plantedPipelineFiles(cmd, ctx, known);
  const out: Finding[] = planted.more ? [landedPastBound(cmd)] : [];
  // Indexed: most commands plant nothing, and an empty for…of still allocates its iterator (until V8 optimizes this).
  for (let i = 0; i < planted.unknown.length; i++) out.push(movedUnknownFinding(cmd, planted.unknown[i], ctx));
  for (let i = 0; i < planted.files.length; i++) {
    const w = planted.files[i];
    const rel = path.relative(ctx.workspace, w.path);
    plantedDepth++;
    try {
      // Steps that run later, elsewhere: judged for their findings, not read as where this line acts.
      const stepOpts = stepOptionsFor(opts, ctx.home);
      out.push(
        ...pipelineFindings({ ...w, shown: rel.startsWith('..') ? w.path : rel }, (lines) =>
          lines.flatMap((command) => judgeStep(command, path.dirname(w.path), stepOpts)),
        ),
      );
    } finally {
      plantedDepth--;
    }
  }
  return out;
}

// Builds handed to a store or a distribution channel: `fastlane beta`
// uploads to TestFlight when its lane says so, `fastlane deliver` and
// `supply` submit to the App Store and Google Play, `butler push` publishes
// a build on itch.io, `eas submit` and `xcrun altool --upload-app` to the
// stores, `eas update` over the air to installed apps. Testers and players receive what was sent, and a
// submitted build cannot be recalled. A lane is read from the Fastfile when
// there is one (`lane :beta do … upload_to_testflight … end`); without one,
// its name says what it is for. Lanes that test or build (`fastlane test`)
// stay quiet.
import * as path from 'node:path';
import { positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';

/** Fastlane actions that upload a build or its metadata to a store or a testers' channel. */
const UPLOAD_ACTIONS =
  /\b(?:upload_to_testflight|testflight|pilot|upload_to_app_store|appstore|deliver|upload_to_play_store(?:_internal_app_sharing)?|supply|appcenter_upload|firebase_app_distribution|crashlytics|hockey|app_store_build_number_upload|upload_symbols_to_crashlytics|s3_upload|butler)\b/;
/** Lane names made for shipping, when no Fastfile can be read to say what the lane does. */
const SHIPPING_LANE =
  /^(?:beta|release|deploy|publish|store|appstore|app_store|prod|production|distribute|upload|submit|testflight|playstore|play_store|internal|alpha)(?:_|$)/i;
const PLATFORMS = new Set(['ios', 'android', 'mac']);
const MAX_FASTFILE = 256 * 1024;

/** The body of `lane :NAME do … end`, up to the next lane; undefined when the Fastfile has no such lane. */
function laneBody(fastfile: string, lane: string): string | undefined {
  const text = fastfile.slice(0, MAX_FASTFILE);
  const start = new RegExp(`^\\s*(?:private_)?lane\\s+:${lane.replace(/[^\w]/g, '')}\\b`, 'm').exec(text);
  if (!start) return undefined;
  const rest = text.slice(start.index + start[0].length);
  const next = /^\s*(?:private_)?lane\s+:/m.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

function fastlaneUpload(cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  const words = positionals(cmd.argv, []).filter((w) => !/^[\w-]+:/.test(w));
  let at = 0;
  if (PLATFORMS.has(words[0] ?? '')) at = 1;
  const first = words[at];
  if (first === undefined) return undefined;
  // fastlane's own tools, run by name.
  if (first === 'deliver' || first === 'supply' || first === 'upload_to_app_store' || first === 'upload_to_play_store')
    return first;
  if (first === 'pilot')
    return words[at + 1] === 'upload' || words[at + 1] === 'distribute' ? 'pilot upload' : undefined;
  if (first === 'run') return UPLOAD_ACTIONS.test(words[at + 1] ?? '') ? `run ${words[at + 1]}` : undefined;
  const fastfile =
    ctx.readFile(path.join(cmd.cwd, 'fastlane', 'Fastfile'), cmd.cwd) ??
    ctx.readFile(path.join(cmd.cwd, 'Fastfile'), cmd.cwd);
  const body = fastfile === undefined ? undefined : laneBody(fastfile, first);
  if (body !== undefined) return UPLOAD_ACTIONS.test(body) ? `lane ${first}` : undefined;
  return SHIPPING_LANE.test(first) ? `lane ${first}` : undefined;
}

export function storeUploadFinding(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const name = path.posix.basename(cmd.argv[0] ?? '');
  if (cmd.argv.includes('--help') || cmd.argv.includes('-h')) return undefined;
  if (name === 'fastlane') {
    const what = fastlaneUpload(cmd, ctx);
    if (!what) return undefined;
    return {
      id: 'outgoing.publish',
      summary: `fastlane ${what} uploads a build to a store or a testers' channel (TestFlight, the App Store, Google Play): testers or users receive it, and a submitted build cannot be recalled`,
      target: `fastlane ${what}`,
      alternative: 'run the build and test lanes here, and let the user run the lane that uploads',
      severity: 55,
    };
  }
  const store = storeCliUpload(name, cmd.argv);
  if (store)
    return {
      id: 'outgoing.publish',
      summary: `${store} sends a build or update to a store or to the devices of its users: what is sent cannot be recalled`,
      target: store,
      alternative: 'build here, and let the user submit or publish',
      severity: 55,
    };
  if (name !== 'butler') return undefined;
  const words = positionals(cmd.argv, ['--userversion', '--userversion-file', '--identity', '-i', '--address']);
  if (words[0] !== 'push' || cmd.argv.includes('--dry-run')) return undefined;
  const channel = words[2] ?? 'a channel';
  return {
    id: 'outgoing.publish',
    summary: `butler push publishes ${words[1] ?? 'a build'} to ${channel} on itch.io, where players download it`,
    target: `${words[1] ?? 'build'} → ${channel}`,
    alternative: 'push with --dry-run first, and let the user publish',
    severity: 55,
  };
}

/** Expo's `eas submit` (to the stores) and `eas update` (over the air, to installed apps); `xcrun altool --upload-app`. */
function storeCliUpload(name: string, argv: readonly string[]): string | undefined {
  if (name === 'eas' && (argv[1] === 'submit' || argv[1] === 'update')) return `eas ${argv[1]}`;
  if (name === 'xcrun' && argv[1] === 'altool') {
    const upload = argv.find((a) => /^--upload-(?:app|package)$/.test(a));
    return upload ? `xcrun altool ${upload}` : undefined;
  }
  return undefined;
}

export const STORE_UPLOADERS = ['fastlane', 'butler', 'eas', 'xcrun'];

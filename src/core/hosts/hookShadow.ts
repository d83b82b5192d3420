// What a host's workspace files can do to AgentGuard's hook, as each
// adapter says it (its `shadow`): which files, what in their text takes the
// hook away from a call (frontdoor/shadow.ts asks then), and the environment
// a file sets for the host's hooks.
import type { EnvSearch } from './envAbove';
import type { HostId } from './types';

export interface HookShadow {
  /** Relative to the workspace; `folder/*.ext` is every file of that folder ending so (a host that loads them all), `folder/**` every entry, a folder given to `shadows` as `folder/name/` with no text. */
  files: readonly string[];
  /**
   * Of the same form: what the host reads in every folder from the project
   * root down to the working folder, not only at the root; checked in each
   * folder between the workspace and the call's working folder.
   */
  perFolder?: readonly string[];
  /**
   * Of the same form: what the host reads from the working folder up to the
   * repository's root (gitRootUp.ts), `each` in every folder on the way and
   * `root` in the root only; checked beside `files` and `perFolder` where
   * the workspace lies below that root, or the working folder outside it.
   */
  upToGitRoot?: { each: readonly string[]; root: readonly string[] };
  /**
   * An environment file the host looks for in the folders above the
   * workspace too, loading the first it finds (envAbove.ts): that file is
   * checked as one of `files`, and install notes it as it finds it.
   */
  above?: EnvSearch;
  /**
   * Other hosts whose hook files install writes among `files`, which this
   * host loads and runs too: their commands as install writes them are
   * AgentGuard's there as well. None: only this host's command is.
   */
  sharedWith?: readonly HostId[];
  /**
   * `tool`: the call's tool as the host names it (a hook for other tools
   * shadows nothing here); `isOurs`: whether a command is AgentGuard's hook
   * exactly as install writes it, for this host (or one of `sharedWith`) and
   * a launcher AgentGuard trusts; `file`:
   * which of `files` the text is; `delegate`: the text of a program a
   * delegate rule names, where it is one install writes (hosts/hookEntries.ts
   * OwnHooks), else undefined. None: only AgentGuard's own entry in those
   * files matters (a host where nothing else in the workspace can outrank it).
   */
  shadows?(
    text: string,
    tool: string,
    isOurs: (command: unknown) => boolean,
    file: string,
    delegate: (to: string) => string | undefined,
  ): string | undefined;
  /**
   * The environment a file of `files` sets for the host's hooks and
   * commands (a settings file's `env` object), where the host has such a
   * setting: a HOME it sets makes a launcher under that home the file's
   * choice, never AgentGuard's (frontdoor/shadow.ts).
   */
  env?(text: string): unknown;
}

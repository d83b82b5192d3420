// The config the engine judges with: a checked `.agentguard.json`, marked
// where policy/compare.ts decided that the built-in production guess stays on,
// and where policy/managedMerge.ts laid the organization's managed policy under it.
import type { Config, Rule } from './schema';

/**
 * Set on an effective config whose file names a production environment that
 * the confirmed policy did not: the built-in production guess (`prod` in a
 * host name…) stays on until a human confirms the file. Not part of the
 * schema: a symbol never comes out of JSON.
 */
export const KEEP_PRODUCTION_GUESS: unique symbol = Symbol('agentguard.keepProductionGuess');

/** What the organization's managed policy put into an effective config (policy/managedMerge.ts). */
export const MANAGED_LAYER: unique symbol = Symbol('agentguard.managedLayer');

export interface ManagedLayer {
  /** The managed policy's file. */
  file: string;
  /** Environments the managed policy marks production: no workspace allow rule lifts a write to them. */
  productionEnvironments: ReadonlySet<string>;
  /** The managed policy's protected paths: gated as `path.managed`, which no workspace allow rule lifts. */
  protectedPaths: readonly string[];
  /** Workspace allow rules that named a managed production environment, left out (as `rules[i]` summaries). */
  dropped: readonly string[];
  /** The managed policy itself is in monitor mode: the organization observes, and holds nothing. */
  observeOnly: boolean;
}

/**
 * The managed policy's own rule objects. A rule is trusted as the
 * organization's by identity, never by its content: a workspace cannot spell
 * its way into this set.
 */
export const MANAGED_RULES = new WeakSet<Rule>();

export type EffectiveConfig = Config & { [KEEP_PRODUCTION_GUESS]?: true; [MANAGED_LAYER]?: ManagedLayer };

// The config the engine judges with: a checked `.agentguard.json`, marked
// where policy/compare.ts decided that the built-in production guess stays on.
import type { Config } from './schema';

/**
 * Set on an effective config whose file names a production environment that
 * the confirmed policy did not: the built-in production guess (`prod` in a
 * host name…) stays on until a human confirms the file. Not part of the
 * schema: a symbol never comes out of JSON.
 */
export const KEEP_PRODUCTION_GUESS: unique symbol = Symbol('agentguard.keepProductionGuess');

export type EffectiveConfig = Config & { [KEEP_PRODUCTION_GUESS]?: true };

// Defaults the engine needs on every decision, kept apart from the schema so
// that judging a command never loads the validator.

export const DEFAULT_THRESHOLDS = { ask: 40, deny: 90 } as const;
export const DEFAULT_RATE_LIMIT = { maxGated: 5, windowSeconds: 10 } as const;

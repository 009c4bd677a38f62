// Types for build.mjs (the size-budget test imports it from TypeScript).
export declare function buildIfNeeded(options?: { quiet?: boolean }): boolean;

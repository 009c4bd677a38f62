export function buildIsFresh(): boolean;
export function ensureFreshBuild(run: (command: string) => unknown): boolean;
export const BUILD_COMMAND: string;

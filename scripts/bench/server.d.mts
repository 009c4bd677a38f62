// Types for server.mjs (used by the TypeScript payment bench).
export const PROJECT_ROOT: string;
export const SERVER_ENTRY: string;
export function freePort(): Promise<number>;
export function startRealServer(options: { distDir: string; dataDir: string; env?: Record<string, string>; timeoutMs?: number }): Promise<{
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}>;

// Types for api-load.mjs (used by the TypeScript payment bench).
export const API_SERVER_ENV: Record<string, string>;
export interface ThroughputSummary {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
  non2xx: number;
}
export function apiLoad(options: { baseUrl: string; seconds?: number; connections?: number; log?: (line: string) => void }): Promise<{
  seconds: number;
  connections: number;
  orders: ThroughputSummary;
  health: ThroughputSummary;
  ordersToHealthRatio: number | null;
}>;

// Types for sizes.mjs (the size-budget test imports it from TypeScript).
export interface FileFigures {
  file: string;
  bytes: number;
  gzip: number;
}
export interface Summed {
  files: FileFigures[];
  bytes: number;
  gzip: number;
}
export interface PrecacheEntry {
  url: string;
  revision: string | null;
}
export declare const KIB: number;
export declare const BUDGETS: Readonly<{
  firstScreenJsGzip: number;
  precacheGzip: number;
  lighthouse: Readonly<Record<'performance' | 'accessibility' | 'best-practices' | 'seo', number>>;
  offlineFcpRatio: number;
}>;
export declare function gzipSize(bytes: Uint8Array): number;
export declare function listFiles(dir: string): string[];
export declare function moduleScriptSources(html: string): string[];
export declare function staticImports(code: string): string[];
export declare function dynamicImports(code: string): string[];
export declare function firstScreenJs(distDir: string, htmlFile?: string): Summed;
export declare function firstScreenPages(distDir: string): string[];
export declare function firstScreenJsByPage(distDir: string): {
  pages: Array<Summed & { html: string; route: string }>;
  heaviest: Summed & { html: string; route: string };
};
export declare function assetTotals(distDir: string): { js: Summed; css: Summed };
export declare function readPrecacheManifest(distDir: string, swFile?: string): PrecacheEntry[];
export declare function precacheSize(distDir: string, swFile?: string): Summed & { count: number; missing: string[] };
export declare function requiredPrecacheFiles(distDir: string, swFile?: string): string[];
export declare function fileKind(file: string): 'js' | 'css' | 'html' | 'locale' | 'icon' | 'other';
export declare function bytesByKind(files: FileFigures[]): Record<string, number>;
export declare function measureSizes(distDir: string): {
  firstScreenJs: Summed;
  firstScreenJsByPage: ReturnType<typeof firstScreenJsByPage>;
  totalJs: Summed;
  totalCss: Summed;
  precache: Summed & { count: number; missing: string[]; byKind: Record<string, number> };
};

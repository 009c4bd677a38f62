import type { Browser, LaunchOptions } from 'playwright-core';
export const CHROMIUM_FLAGS: string[];
export function findChromium(): string;
export function launchChromium(options?: LaunchOptions): Promise<Browser>;

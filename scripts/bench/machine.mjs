// Describes the machine and tool versions a bench run was measured on.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { findChromium } from '../chromium.mjs';

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
  } catch {
    return null;
  }
}

function chromiumVersion(path) {
  try {
    // Debian's wrapper script prints shell noise on stderr; the version is on stdout.
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 15_000 }).trim();
  } catch (err) {
    return `unknown (${err instanceof Error ? err.message.split('\n')[0] : err})`;
  }
}

/** 1/5/15-minute load averages: other work on a shared machine shows up here and in the timings. */
export const loadAverage = () => os.loadavg().map((v) => Math.round(v * 100) / 100);

/** The kernel's CPU counters (jiffies): steal is time a virtual machine's host gave to others while this one wanted to run. */
export function cpuTimes() {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    return { total: fields.reduce((sum, value) => sum + value, 0), idle: (fields[3] ?? 0) + (fields[4] ?? 0), steal: fields[7] ?? 0 };
  } catch {
    return undefined; // not Linux
  }
}

/** Share of the busy CPU time between two cpuTimes() the host stole, in percent (undefined off Linux). */
export function stealPercent(start, end) {
  if (!start || !end) return undefined;
  const busy = end.total - end.idle - (start.total - start.idle);
  return busy > 0 ? Math.round(((end.steal - start.steal) / busy) * 1000) / 10 : 0;
}

export function machineInfo() {
  const cpus = os.cpus();
  const chromiumPath = findChromium();
  return {
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    chromium: chromiumVersion(chromiumPath),
    chromiumPath,
    lighthouse: packageVersion('lighthouse'),
    autocannon: packageVersion('autocannon'),
    playwrightCore: packageVersion('playwright-core'),
    date: new Date().toISOString(),
    loadAverageAtStart: loadAverage(),
    cpuTimesAtStart: cpuTimes(),
  };
}

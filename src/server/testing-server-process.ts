// Tests only: the real server (main.ts, through tsx) as a child process, for suites that kill, drain or scale it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './testing';

const MAIN = path.join(import.meta.dirname, 'main.ts');

export interface ServerProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The URL of its start-up line; fails at once, with its output, if it exits first. */
  url(options?: { timeoutMs?: number; what?: string }): Promise<string>;
}

/** Only PATH, HOME and `env` reach it: a DATABASE_URL or ADMIN_TOKEN of the caller's shell must not leak in. */
export function spawnServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => output,
    exited,
    url: ({ timeoutMs = 15_000, what = 'the start-up line' } = {}) =>
      waitFor(
        () => {
          if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
          return /order service on (http:\/\/\S+) /.exec(output)?.[1];
        },
        { timeoutMs, intervalMs: 25, what },
      ),
  };
}

import { expect, it, vi } from 'vitest';
import { singleFlight } from './single-flight';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

it('runs one at a time and turns a burst during a run into one rerun with the latest argument', async () => {
  const started: string[] = [];
  const gates = [deferred(), deferred()];
  const flight = singleFlight(async (arg: string) => {
    started.push(arg);
    await gates[started.length - 1]?.promise;
    return arg;
  });
  const first = flight.run('a');
  const duringA = [flight.run('b'), flight.run('c')];
  gates[0]?.resolve();
  expect(await first).toBe('a');
  expect(await Promise.all(duringA)).toEqual(['a', 'a']); // callers during a run share it
  await vi.waitFor(() => expect(started).toEqual(['a', 'c']));
  gates[1]?.resolve();
  expect(await flight.running).toBe('c');
});

it('reports a rerun’s failure, skips a rerun when told to, and survives a synchronous throw', async () => {
  const errors: unknown[] = [];
  let stopped = false;
  let calls = 0;
  const flight = singleFlight(
    (arg: number) => {
      calls++;
      if (arg === 2) throw new Error('boom');
      return Promise.resolve(arg);
    },
    { onRerunError: (e) => errors.push(e), shouldRerun: () => !stopped },
  );
  const first = flight.run(1);
  void flight.run(2);
  await first;
  await vi.waitFor(() => expect(errors).toHaveLength(1));
  await expect(flight.run(2)).rejects.toThrow('boom');

  const again = flight.run(1);
  void flight.run(1);
  stopped = true;
  await again;
  expect(flight.running).toBeUndefined();
  expect(calls).toBe(4);
});

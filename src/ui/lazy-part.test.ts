// A part's code is fetched once, remembered once it is there (for a render without a wait), and fetched again after a failure.
import { describe, expect, it, vi } from 'vitest';
import { lazyPart } from './lazy-part';

const Part = () => null;

describe('lazyPart', () => {
  it('fetches once however often it is asked for, and holds the component once loaded', async () => {
    const load = vi.fn(async () => Part);
    const part = lazyPart(load);
    expect(part.loaded).toBeUndefined();
    const [first, second] = await Promise.all([part(), part()]);
    expect(first).toBe(Part);
    expect(second).toBe(Part);
    expect(part.loaded).toBe(Part);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again after a failed fetch', async () => {
    const load = vi.fn<() => Promise<typeof Part>>().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce(Part);
    const part = lazyPart(load);
    await expect(part()).rejects.toThrow('offline');
    expect(part.loaded).toBeUndefined();
    await expect(part()).resolves.toBe(Part);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

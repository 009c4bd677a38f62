// @vitest-environment happy-dom
// The screen-on switch keeps one name, what it does; whether the screen is held now is said beside it.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, useEnglish } from '../test-support/render';
import { WakeLockSwitch } from './wake-lock-switch';

beforeAll(useEnglish);
afterEach(() => {
  cleanup();
  delete (navigator as unknown as { wakeLock?: unknown }).wakeLock;
});

function browserWithWakeLock(): void {
  const sentinel = Object.assign(new EventTarget(), { released: false, type: 'screen', release: async () => undefined });
  Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: { request: async () => sentinel } });
}

describe('WakeLockSwitch', () => {
  it('while a countdown holds the lock: the switch is still named for what it does, and a status says the screen is kept on', async () => {
    browserWithWakeLock();
    render(<WakeLockSwitch holdsLock />);
    expect(await screen.findByText('The screen is kept on now.')).toBeTruthy();
    const control = screen.getByRole('switch', { name: 'Keep the screen on during the countdown' }) as HTMLInputElement;
    expect(control.checked).toBe(true);
  });

  it('in Settings (no countdown): the same switch, no status', () => {
    browserWithWakeLock();
    render(<WakeLockSwitch />);
    expect(screen.getByRole('switch', { name: 'Keep the screen on during the countdown' })).toBeTruthy();
    expect(screen.queryByText('The screen is kept on now.')).toBeNull();
  });

  it('without the Screen Wake Lock API: nothing', () => {
    render(<WakeLockSwitch holdsLock />);
    expect(screen.queryByRole('switch')).toBeNull();
  });
});

// @vitest-environment happy-dom
// The workshop list's cards share their words (worked out once per render): each card still says its own status and time.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, createCase, type RadioCase } from '../../domain/case';
import type { DiagnosisEvent } from '../../domain/diagnosis-machine';
import { formatClockTime } from '../../i18n/format';
import { cleanup, render, screen, useEnglish } from '../test-support/render';
import { CaseLists } from './case-lists';

const MINUTE = 60_000;
const NOW = Date.now(); // the list reads the clock itself

beforeAll(useEnglish);
afterEach(cleanup);

function car(label: string, steps: Array<[number, DiagnosisEvent]>): RadioCase {
  let radioCase = createCase({ id: label, label, now: NOW - 120 * MINUTE, generation: 'r55-r59' });
  for (const [minutesAgo, event] of steps) radioCase = applyEvent(radioCase, event, NOW - minutesAgo * MINUTE).case;
  return radioCase;
}

const safe = (minutesAgo: number): [number, DiagnosisEvent] => [minutesAgo, { type: 'display.reported', message: 'SAFE' }];

function card(label: string): HTMLElement {
  const item = screen.getByText(label).closest('li');
  if (!item) throw new Error(`no card for ${label}`);
  return item;
}

describe('CaseLists', () => {
  it('gives every card its own status and clock time, also where cards share them', () => {
    const cars = [car('Car A', [safe(20)]), car('Car B', [safe(20)]), car('Car C', [safe(30)]), car('Car D', [safe(70)]), car('Car E', [])];
    render(<CaseLists open={cars} archived={[]} />);
    const readyAt = (minutesAgo: number) => `ready at ${formatClockTime(NOW - minutesAgo * MINUTE + 60 * MINUTE, 'en')}`;
    expect(card('Car A').textContent).toContain(readyAt(20));
    expect(card('Car B').textContent).toContain(readyAt(20));
    expect(card('Car C').textContent).toContain(readyAt(30));
    expect(card('Car C').textContent).not.toContain(readyAt(20));
    expect(card('Car D').textContent).toContain('Time is up — check the radio');
    expect(card('Car D').textContent).toContain(`Ended at ${formatClockTime(NOW - 10 * MINUTE, 'en')}`);
    expect(card('Car E').textContent).toContain('What does the radio show?');
    expect(screen.getByRole('heading', { name: 'Your cars (5)' }).tagName).toBe('H2');
  });
});

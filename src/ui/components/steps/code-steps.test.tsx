// @vitest-environment happy-dom
// The entry coach as a user sees it: press until the digit shows, counts once the start is known, the read-back,
// a code that cannot be right, and the suspicion view after a rejection.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyEvent, createCase, type RadioCase } from '../../../domain/case';
import type { DiagnosisEvent } from '../../../domain/diagnosis-machine';
import { cleanup, fireEvent, render, screen, useEnglish, within } from '../../test-support/render';
import { EnterCodeStep } from './code-steps';

beforeAll(useEnglish);
afterEach(cleanup);

function caseAt(code: string, extra: DiagnosisEvent[] = [], serial?: string): RadioCase {
  let radioCase = createCase({ id: 'car', label: 'Car 1', now: 0, generation: 'r55-r59' });
  for (const event of [{ type: 'display.reported', message: 'CODE' }, { type: 'code.known', code }, ...extra] as DiagnosisEvent[])
    radioCase = applyEvent(radioCase, event, 1).case;
  expect(radioCase.machine.value).toBe('enterCode');
  return serial ? { ...radioCase, serial } : radioCase;
}

function renderCoach(radioCase: RadioCase) {
  const send = vi.fn(async (_event: DiagnosisEvent) => undefined);
  render(<EnterCodeStep radioCase={radioCase} send={send} />);
  return { send };
}

/** The step buttons' texts, in order (the read-back digits are not steps). */
function stepTexts(): string[] {
  const list = screen.getByRole('list', { name: 'Button presses, tick each one off' });
  return [...list.children].map((item) => item.querySelector('.step')?.textContent ?? '');
}

describe('EnterCodeStep, increment style (R55–R59)', () => {
  it('says "press until it shows", with no count before the owner says what the digit shows', () => {
    renderCoach(caseAt('24135'));
    const texts = stepTexts();
    expect(texts[0]).toBe('Digit 1: press preset 1 until it shows 2.');
    expect(texts[1]).toBe('Digit 2: press preset 2 until it shows 4.');
    expect(texts.join(' ')).not.toMatch(/presses|×/);
  });

  it('adds counts from 0 and from 1, none from "-"', () => {
    renderCoach(caseAt('24135'));
    const start = screen.getByRole('group', { name: 'Before you press anything: what does the first digit show?' });
    fireEvent.click(within(start).getByRole('radio', { name: '0' }));
    expect(stepTexts()[0]).toBe('Digit 1: press preset 1 until it shows 2.From 0, that is 2 presses.×2');
    fireEvent.click(within(start).getByRole('radio', { name: '1' }));
    expect(stepTexts()[0]).toBe('Digit 1: press preset 1 until it shows 2.From 1, that is 1 press.');
    expect(stepTexts()[2]).toBe('Digit 3: press preset 3 until it shows 1.It already shows 1: no press needed.');
    fireEvent.click(within(start).getByRole('radio', { name: '-' }));
    expect(stepTexts()[0]).toBe('Digit 1: press preset 1 until it shows 2.');
  });

  it('reads the code back digit by digit right before the final press', () => {
    renderCoach(caseAt('24135'));
    const texts = stepTexts();
    expect(texts.at(-2)).toBe('Before the final press, check your code digit by digit: 2 4 1 3 5.');
    expect(texts.at(-1)).toBe('Hold preset 5 to send the code.');
    const readBack = screen.getByRole('list', { name: 'Your code, digit by digit' });
    expect(within(readBack).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['2Digit 1: 2', '4Digit 2: 4', '1Digit 3: 1', '3Digit 4: 3', '5Digit 5: 5']);
  });

  it('reads the code back before the last digit in the one-press-per-digit style too', () => {
    renderCoach(caseAt('24135'));
    fireEvent.click(screen.getByRole('radio', { name: /one press per digit/ }));
    expect(stepTexts().slice(-2)).toEqual(['Before the final press, check your code digit by digit: 2 4 1 3 5.', 'Digit 5: press preset 5.']);
  });
});

describe('a code that cannot be right', () => {
  it('a 0 or 7–9: "probably wrong", no invented presses, the code digit by digit and the serial’s look-alikes', () => {
    const { send } = renderCoach(caseAt('12813', [], 'BP82O1S'));
    expect(screen.getByRole('alert').textContent).toContain('Digit 3 is 8. MINI radio codes of this era use only the digits 1 to 6, so this code is probably wrong.');
    expect(screen.queryByRole('list', { name: 'Button presses, tick each one off' })).toBeNull();
    const check = screen.getByRole('region', { name: 'Is the code right?' });
    expect(within(check).getAllByRole('listitem').filter((item) => item.classList.contains('read-back__digit--flagged')).map((item) => item.textContent)).toEqual(['8Digit 3: 8']);
    // Each character of a look-alike pair is marked (B/8, O/0, I/1, S/5); P and 2 are not.
    expect([...check.querySelectorAll('mark')].map((mark) => mark.firstChild?.textContent)).toEqual(['B', '8', 'O', '1', 'S']);
    // A code the owner typed in was never ordered here: the button offers an order, not "again".
    expect(within(check).queryByRole('button', { name: 'Order the code again' })).toBeNull();
    fireEvent.click(within(check).getByRole('button', { name: 'Check the serial and order the code' }));
    // Ordering starts at the serial: check it against the label, then order.
    expect(send).toHaveBeenCalledExactlyOnceWith({ type: 'serial.recheck' });
  });

  it('after a rejection the suspicion view says so, even for a code with digits 1–6', () => {
    renderCoach(caseAt('24135', [{ type: 'code.rejected' }]));
    const check = screen.getByRole('region', { name: 'Is the code right?' });
    expect(check.textContent).toContain('The radio refused 24135 once.');
    expect(check.textContent).toContain('No serial is saved for this car.');
    expect(within(check).getByRole('button', { name: 'Check the serial and order the code' })).toBeTruthy();
  });

  it('a code this case ordered and the radio refused: "Order the code again"', () => {
    let radioCase = createCase({ id: 'car', label: 'Car 1', now: 0, generation: 'r55-r59' });
    for (const event of [
      { type: 'display.reported', message: 'CODE' },
      { type: 'code.unknown' },
      { type: 'serial.entered', serial: 'BP1234567890' },
      { type: 'order.placed', orderKey: 'order-1' },
      { type: 'code.delivered', code: '24135' },
      { type: 'code.rejected' },
    ] as DiagnosisEvent[])
      radioCase = applyEvent(radioCase, event, 1).case;
    expect(radioCase.machine).toMatchObject({ value: 'enterCode', orderKey: 'order-1' });
    renderCoach(radioCase);
    const check = screen.getByRole('region', { name: 'Is the code right?' });
    expect(within(check).getByRole('button', { name: 'Order the code again' })).toBeTruthy();
  });

  it('shows no suspicion view for a fresh code with digits 1–6', () => {
    renderCoach(caseAt('24135'));
    expect(screen.queryByRole('region', { name: 'Is the code right?' })).toBeNull();
  });
});

describe('what the radio did', () => {
  it('sends the answer to the machine', () => {
    const { send } = renderCoach(caseAt('24135'));
    fireEvent.click(screen.getByRole('button', { name: 'It works now' }));
    expect(send).toHaveBeenCalledWith({ type: 'code.accepted' });
  });
});

describe('changing the code', () => {
  it('after saving, focus is back on "Change", not at the start of the page', () => {
    const { send } = renderCoach(caseAt('24135'));
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    const input = screen.getByLabelText('Radio code') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    fireEvent.input(input, { target: { value: '24136' } });
    fireEvent.submit(input.closest('form')!);
    expect(send).toHaveBeenCalledWith({ type: 'code.known', code: '24136' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Change' }));
  });
});

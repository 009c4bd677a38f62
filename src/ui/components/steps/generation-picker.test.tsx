// @vitest-environment happy-dom
// The "which MINI?" picker as a user drives it: answers in, the generation (and what decided it) out.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, useEnglish, within } from '../../test-support/render';
import { GenerationPicker } from './generation-picker';

beforeAll(useEnglish);
afterEach(cleanup);

function renderPicker() {
  const onPicked = vi.fn();
  const onCancel = vi.fn();
  render(<GenerationPicker onPicked={onPicked} onCancel={onCancel} />);
  return { onPicked, onCancel };
}

function answer(body: string, year: number) {
  fireEvent.click(screen.getByRole('button', { name: body }));
  fireEvent.change(screen.getByLabelText('Which year is the car?'), { target: { value: String(year) } });
  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
}

describe('GenerationPicker', () => {
  it('asks the body style first, with the model code field beside it', () => {
    renderPicker();
    expect(screen.getByRole('group', { name: 'Which body style is it?' })).toBeTruthy();
    expect(screen.getByLabelText('Model code, if you know it')).toBeTruthy();
  });

  it('a 2014 convertible: R57, decided by body style and year, and "Use this" picks r55-r59', () => {
    const { onPicked } = renderPicker();
    answer('Convertible', 2014);
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('It is most likely: R55 / R56 / R57 / R58 / R59');
    expect(status.textContent).toContain('Model code: R57');
    expect(status.textContent).toContain('body style and year');
    expect(within(status).getAllByText('Reported').length).toBeGreaterThan(0);
    fireEvent.click(within(status).getByRole('button', { name: 'Use this' }));
    expect(onPicked).toHaveBeenCalledWith('r55-r59', false, 'R57');
  });

  it('a body style and year no MINI matches: the reason takes the focus, not the start of the page', () => {
    renderPicker();
    answer('Roadster', 2020);
    const reason = screen.getByRole('alert');
    expect(reason.textContent).toMatch(/Roadster|2020/);
    expect(document.activeElement).toBe(reason);
  });

  it('offers years up to 2024', () => {
    renderPicker();
    fireEvent.click(screen.getByRole('button', { name: 'Hatch' }));
    const years = [...(screen.getByLabelText('Which year is the car?') as HTMLSelectElement).options].map((o) => o.value).filter(Boolean);
    expect(years[0]).toBe('2024');
    expect(years.at(-1)).toBe('2001');
  });

  it('takes a typed model code ("f 56"), and names an unknown one', () => {
    const { onPicked } = renderPicker();
    const field = screen.getByLabelText('Model code, if you know it');
    fireEvent.input(field, { target: { value: 'R51' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this code' }));
    expect(screen.getByRole('alert').textContent).toBe('“R51” is not a MINI model code we know. Model codes look like R56 or F55.');
    fireEvent.input(field, { target: { value: 'f 56' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this code' }));
    expect(screen.getByRole('status').textContent).toContain('the model code you typed');
    fireEvent.click(screen.getByRole('button', { name: 'Use this' }));
    expect(onPicked).toHaveBeenCalledWith('f55-f57', false, 'F56');
  });

  it('a 2014 hatch: the speedometer question with its caveat and sources; the older generation stays one tap away', () => {
    const { onPicked } = renderPicker();
    answer('Hatch', 2014);
    const question = screen.getByRole('group', { name: 'Where is the speedometer?' });
    expect(document.body.textContent).toContain('older-generation cars with factory navigation');
    expect(document.body.textContent).toContain('motoringfile.com');
    fireEvent.click(within(question).getByRole('button', { name: /Behind the steering wheel/ }));
    expect(screen.getByRole('status').textContent).toContain('F55 / F56 / F57');
    expect(screen.getByRole('status').textContent).toContain('where the speedometer is');
    fireEvent.click(screen.getByRole('button', { name: /^R55 \/ R56/ }));
    expect(onPicked).toHaveBeenCalledWith('r55-r59', false);
  });

  it('a 2006 hatch: asks how the engine starts; turning a key means the first generation', () => {
    const { onPicked } = renderPicker();
    answer('Hatch', 2006);
    fireEvent.click(within(screen.getByRole('group', { name: 'How do you start the engine?' })).getByRole('button', { name: 'I turn the key in a lock' }));
    fireEvent.click(screen.getByRole('button', { name: 'Use this' }));
    // R50 and R53 share body style and years: no single model code to keep.
    expect(onPicked).toHaveBeenCalledWith('r50-r53', false, undefined);
  });

  it('a 2020 Countryman with NBT EVO is the VIN-bound unit', () => {
    const { onPicked } = renderPicker();
    answer('Countryman', 2020);
    const nbt = screen.getByRole('group', { name: /NBT EVO/ });
    fireEvent.click(within(nbt).getByRole('button', { name: 'Yes' }));
    fireEvent.click(screen.getByRole('button', { name: 'Use this' }));
    expect(onPicked).toHaveBeenCalledWith('f54-f60', true, 'F60');
  });

  it('says what was built when a year has no such body style, and starts again', () => {
    renderPicker();
    answer('Hatch, 5 doors', 2010);
    expect(screen.getByRole('alert').textContent).toBe(
      "No MINI of this body style was built for 2010. This body style was built from 2014 to 2024. Check the year in the car's papers.",
    );
    fireEvent.click(screen.getByRole('button', { name: 'Start the questions again' }));
    expect(screen.getByRole('group', { name: 'Which body style is it?' })).toBeTruthy();
  });
});

describe('GenerationPicker, the speedometer caveat', () => {
  it('repeats the caveat on the result only when "behind the wheel" chose the newer generation', () => {
    renderPicker();
    answer('Clubman', 2015);
    fireEvent.click(screen.getByRole('button', { name: /In the big round dial/ }));
    expect(screen.getByRole('status').textContent).not.toContain('factory navigation');
    fireEvent.click(screen.getByRole('button', { name: 'Start the questions again' }));
    answer('Clubman', 2015);
    fireEvent.click(screen.getByRole('button', { name: /Behind the steering wheel/ }));
    expect(screen.getByRole('status').textContent).toContain('factory navigation');
  });
});

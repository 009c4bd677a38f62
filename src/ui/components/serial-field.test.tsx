// @vitest-environment happy-dom
// The serial field names a wrong Blaupunkt length once: as a hint while typing, as the error once the form refuses it.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, useEnglish } from '../test-support/render';
import { SerialField } from './serial-field';

beforeAll(useEnglish);
afterEach(cleanup);

const SHORT_BLAUPUNKT = 'BP5123045678'; // 12 characters; Blaupunkt serials have 14
const mentionsLength = () => (screen.getByText(/Serial number/).closest('.field')?.textContent ?? '').match(/14 characters/g) ?? [];

describe('SerialField', () => {
  it('while typing, a BP serial of the wrong length gets the hint', () => {
    render(<SerialField id="serial" value={SHORT_BLAUPUNKT} onInput={() => undefined} />);
    expect(screen.getByText(/Starts like a Blaupunkt serial, which has 14 characters\. This one has 12\./)).toBeTruthy();
    expect(mentionsLength()).toHaveLength(1);
  });

  it('once the form refuses it, the error says it and the hint steps aside', () => {
    const problem = 'Serials that start with BP are Blaupunkt serials and have 14 characters. Check the label again.';
    render(<SerialField id="serial" value={SHORT_BLAUPUNKT} onInput={() => undefined} problem={problem} />);
    expect(screen.getByRole('alert').textContent).toBe(problem);
    expect(mentionsLength()).toHaveLength(1);
  });
});

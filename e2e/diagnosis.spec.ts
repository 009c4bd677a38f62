// The guided recovery as owners and mechanics live it: offline, with a fake clock, told as their stories.
import { test, expect } from './support/fixtures';
import type { Page } from '@playwright/test';
import {
  CODE,
  DISPUTE_TITLE,
  R50,
  R56,
  SAFE,
  chooseGeneration,
  expectNoAxeViolations,
  expectStep,
  openHome,
  reachEntryCoach,
  reachSafeWait,
  reportDisplay,
  startCase,
} from './support/case-flow';

const F56 = /^F55 \/ F56/;
/** A countdown that has just started (the fake clock still runs, and a busy machine takes seconds to paint). */
const JUST_STARTED = /1:00:00|59:[0-5]\d/;
const WAIT = /^WAIT$/;

async function startCaseOffline(page: Page, generation: RegExp = R56): Promise<void> {
  await openHome(page, { offline: true });
  await startCase(page);
  await chooseGeneration(page, generation);
}

/** The step's "tries left" line, read by screen readers as a status. */
const triesLeft = (page: Page) => page.getByTestId('attempts-left');

test.describe('guided recovery, offline, with a fake clock', () => {
  test('an F56 owner with SAFE is told that sources disagree before any wait starts, then waits with plain ignition advice', async ({ page }) => {
    await startCaseOffline(page, F56);
    await reportDisplay(page, SAFE);

    // No countdown yet: both sides, and what the other side says to try first.
    await expectStep(page, DISPUTE_TITLE);
    await expect(page.getByTestId('countdown')).toHaveCount(0);
    const dispute = page.getByTestId('code-need-dispute');
    await expect(dispute).toContainText('Sources disagree whether this radio needs a code');
    await expect(dispute).toContainText('This radio needs its code after the battery was disconnected.');
    await expect(dispute).toContainText(/iDrive radios \(NBT, NBT EVO\) are paired to the car/);
    await expect(dispute).toContainText('Try this first:');
    await expect(dispute).toContainText(/new battery registered to the car/);
    // The other side's advice is still something to try with a radio asking for a code: no "your radio" line.
    await expect(dispute).not.toContainText('Your radio');
    await expectNoAxeViolations(page, 'case: sources disagree');

    await page.getByRole('button', { name: 'Tried that — start the wait' }).click();
    await expectStep(page, 'Wait for CODE');
    await expect(page.getByTestId('countdown')).toContainText(JUST_STARTED);
    // One plain rule; the key positions the sources name are shown as a conflict.
    const ignition = page.getByRole('region', { name: 'Ignition' });
    await expect(ignition).toContainText('Ignition on, engine off, radio on: for the whole wait.');
    await expect(ignition).toContainText(/position II .* first position/);
    await expect(ignition.locator('.tag--conflict')).toBeVisible();
    await expectNoAxeViolations(page, 'case: SAFE wait with ignition advice');
  });

  test('an R56 owner with SAFE hears the dispute, and that a radio showing SAFE is asking for a code, so nothing is left to try first', async ({ page }) => {
    await startCaseOffline(page, R56);
    await reportDisplay(page, SAFE);
    await expectStep(page, DISPUTE_TITLE);
    const dispute = page.getByTestId('code-need-dispute');
    await expect(dispute).toContainText('A BMW bulletin (SI M65 02 13)');
    await expect(dispute).toContainText('Your radio shows SAFE: it is asking for a code, so the no-code case above does not fit it.');
    await expect(page.getByRole('button', { name: /^Tried that/ })).toHaveCount(0);
    await page.getByRole('button', { name: 'Start the wait' }).click();
    await expectStep(page, 'Wait for CODE');
  });

  test('an R53 owner whose radio says DISABLED learns it is not a code lock, is offered no order, and can go back after a mis-tap', async ({ page }) => {
    await startCaseOffline(page, R50);
    await reportDisplay(page, /^DISABLED/);
    await expectStep(page, 'This is not a code lock');
    await expect(page.getByRole('button', { name: /order/i })).toHaveCount(0);
    await expect(page.getByLabel('Serial number')).toHaveCount(0);

    // It was a mis-tap: the way back asks again, and nothing was lost.
    await page.getByRole('button', { name: 'Check what the radio shows' }).click();
    await expectStep(page, 'What does the radio show?');
  });

  test('a mis-tap on WAIT does not trap the case: "I picked the wrong display" goes back with the countdown cleared', async ({ page }) => {
    await startCaseOffline(page);
    await reachEntryCoach(page, '24135');
    await page.getByRole('button', { name: 'It said the code is wrong' }).click();
    await expect(triesLeft(page)).toHaveText('2 tries left.');

    // Back to the display question to report what the radio shows (and a slip of the finger).
    await page.getByRole('button', { name: 'Check what the radio shows' }).click();
    await expectStep(page, 'What does the radio show?');
    await reportDisplay(page, WAIT);
    await expectStep(page, 'Radio locked for an hour');
    await expect(page.getByTestId('countdown')).toContainText(JUST_STARTED);
    await expectNoAxeViolations(page, 'case: lockout reported from the display');

    await page.getByRole('button', { name: 'I picked the wrong display' }).click();
    await expectStep(page, 'What does the radio show?');
    await expect(page.getByTestId('countdown')).toHaveCount(0);

    // History kept: the code and the one rejection are still there.
    await reportDisplay(page, CODE);
    await page.getByRole('button', { name: 'Yes, I have the code' }).click();
    await page.getByLabel('Radio code').fill('24135');
    await page.getByRole('button', { name: 'Show me the button presses' }).click();
    await expect(triesLeft(page)).toHaveText('2 tries left.');
    await expect(page.getByText('The radio refused 24135 once.')).toBeVisible();

    // Home shows no lockout for this car.
    await page.getByRole('link', { name: 'Home' }).click();
    await expect(page.getByTestId('case-list')).not.toContainText('Radio locked');
  });

  test('a lockout still showing after its hour gets half an hour more, said as half an hour, not as another full hour', async ({ page }) => {
    await startCaseOffline(page);
    await reportDisplay(page, WAIT);
    await expectStep(page, 'Radio locked for an hour');
    await page.clock.fastForward('01:00:01');
    await expectStep(page, 'The lockout hour is up');

    await reportDisplay(page, WAIT);
    await expectStep(page, 'Still locked: 30 more minutes');
    await expect(page.getByTestId('countdown')).toContainText(/30:00|29:[0-5]\d/);
    const main = page.getByRole('main');
    await expect(main).toContainText('Leave the ignition and the radio on for 30 more minutes');
    await expect(main).toContainText('Some owners report waiting 90 minutes.');
    await expect(main).not.toContainText(/full hour|full 60 minutes|After the hour/);
    await expect(main).toContainText('Get a notice when the countdown ends.');
    await expectNoAxeViolations(page, 'case: lockout extended by half an hour');

    // The home list names it the same way.
    await page.getByRole('link', { name: 'Home' }).click();
    await expect(page.getByTestId('case-list')).toContainText('Still locked: 30 more minutes');
    await page.getByTestId('case-list').getByRole('link').first().click();

    await page.clock.fastForward('30:01');
    await expectStep(page, 'The extra 30 minutes are up');
    await expect(page.getByText('Is CODE back? Pick what the radio shows now.')).toBeVisible();
  });

  test('when the SAFE hour is up the app asks what the radio shows; "still SAFE" brings the advice and another hour', async ({ page }) => {
    await startCaseOffline(page);
    await reachSafeWait(page);
    await page.clock.fastForward('20:00');
    await page.reload();
    await expect(page.getByTestId('countdown')).toContainText(/40:00|39:[0-5]\d/);

    await page.clock.fastForward('40:01');
    await expectStep(page, 'The hour is up');
    await expect(page.getByText('What does the radio show now? Pick what you see.')).toBeVisible();
    await expect(page.getByText('Still SAFE after an hour')).toHaveCount(0);

    await reportDisplay(page, SAFE);
    await expect(page.getByRole('heading', { name: 'Still SAFE after an hour' })).toBeVisible();
    await expectNoAxeViolations(page, 'case: SAFE hour up, still SAFE');
    await page.getByRole('button', { name: 'Wait another hour' }).click();
    await expectStep(page, 'Wait for CODE');
    await expect(page.getByTestId('countdown')).toContainText(JUST_STARTED);
  });

  test('three refused codes lock the radio; the app cannot lift it, and afterwards the same code is not silently offered again', async ({ page }) => {
    await startCaseOffline(page);
    await reachEntryCoach(page, '24135');

    // Each wrong code visibly changes the screen: the tries left come into view and are announced.
    await page.getByRole('button', { name: 'It said the code is wrong' }).click();
    await expect(triesLeft(page)).toHaveText('2 tries left.');
    await expect(triesLeft(page)).toBeInViewport();
    await expect(triesLeft(page)).toBeFocused();
    await expect(page.getByText('The radio refused 24135 once.')).toBeVisible();
    // The owner typed this code in (nothing was ordered here): an order is offered, not "again".
    await expect(page.getByRole('button', { name: 'Check the serial and order the code' })).toBeVisible();
    await expectNoAxeViolations(page, 'case: entry coach after a refused code');

    await page.getByRole('button', { name: 'It said the code is wrong' }).click();
    await expect(triesLeft(page)).toContainText('1 try left.');
    await expect(triesLeft(page)).toBeInViewport();
    await page.getByRole('button', { name: 'It said the code is wrong' }).click();

    await expectStep(page, 'Radio locked for an hour');
    await expect(page.getByText('The radio counts wrong codes itself')).toBeVisible();
    await expect(page.getByRole('button', { name: 'I picked the wrong display' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Start over' })).toHaveCount(0);
    await expect(page.getByText('The radio refused 24135 3 times.')).toBeVisible();

    await page.clock.fastForward('01:00:01');
    await expectStep(page, 'The lockout hour is up');
    await expectNoAxeViolations(page, 'case: lockout hour up');
    await reportDisplay(page, CODE);

    // CODE is back, but the code was refused three times: the user decides.
    await expectStep(page, 'CODE is back');
    await expect(page.getByText('The radio refused 24135 3 times.')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Button presses, tick each one off' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'case: CODE back, code suspect');
    await page.getByRole('button', { name: 'Check the serial and order the code' }).click();
    await expectStep(page, 'Find the serial number');
    await page.getByRole('button', { name: 'Check what the radio shows' }).click();
    await reportDisplay(page, CODE);
    await page.getByRole('button', { name: 'Yes, I have the code' }).click();
    await page.getByLabel('Radio code').fill('24135');
    await page.getByRole('button', { name: 'Show me the button presses' }).click();
    // Fresh tries after the lockout, and the record of refusals stays in sight.
    await expect(triesLeft(page)).toHaveText('3 tries left.');
    await expect(page.getByText('The radio refused 24135 3 times.')).toBeVisible();
    await page.getByRole('button', { name: 'It works now' }).click();
    await expectStep(page, 'The radio works');
  });

  test('a third "wrong code" tapped by mistake can be undone at once: back to the last try, no lockout', async ({ page }) => {
    await startCaseOffline(page);
    await reachEntryCoach(page, '24135');
    for (const left of ['2 tries left.', '1 try left.']) {
      await page.getByRole('button', { name: 'It said the code is wrong' }).click();
      await expect(triesLeft(page)).toContainText(left);
    }
    await page.getByRole('button', { name: 'It said the code is wrong' }).click();
    await expectStep(page, 'Radio locked for an hour');
    await expect(page.getByRole('status').filter({ hasText: 'Answer tapped by mistake?' })).toContainText('only locked if it shows WAIT, 1000 or CODE WAIT');

    await page.getByRole('button', { name: 'Undo that answer' }).click();
    await expect(triesLeft(page)).toContainText('1 try left.');
    await expect(page.getByText('The radio refused 24135 2 times.')).toBeVisible();
    await expect(page.getByTestId('countdown')).toHaveCount(0);
    await page.getByRole('link', { name: 'Home' }).click();
    await expect(page.getByTestId('case-list')).not.toContainText('Radio locked');
  });

  test('"Start over" during a countdown can be undone, countdown included', async ({ page }) => {
    await startCaseOffline(page);
    await reachSafeWait(page);
    await page.clock.fastForward('10:00');
    await expect(page.getByTestId('countdown')).toContainText('50:00');

    await page.getByRole('button', { name: 'Start over' }).click();
    await expectStep(page, 'Which MINI is it?');
    await expect(page.getByRole('status').filter({ hasText: 'Started over.' })).toBeVisible();
    await expectNoAxeViolations(page, 'case: started over, with Undo');
    await page.getByRole('button', { name: 'Undo' }).click();

    await expectStep(page, 'Wait for CODE');
    await expect(page.getByTestId('countdown')).toContainText(/50:00|49:5\d/);
  });

  test('a VIN-bound late F60 goes to the dealer and offers no order', async ({ page }) => {
    await openHome(page, { offline: true });
    await startCase(page);
    await page.getByRole('button', { name: /^F54 \/ F60/ }).click();
    await expect(page.getByText(/F60 Countryman from 2019–2023 with the NBT EVO/)).toBeVisible();
    await page.getByRole('button', { name: 'Yes', exact: true }).click();
    await expectStep(page, 'A dealer must reset this radio');
    await expect(page.getByRole('button', { name: /order/i })).toHaveCount(0);
    await expect(page.getByLabel('Serial number')).toHaveCount(0);
  });
});

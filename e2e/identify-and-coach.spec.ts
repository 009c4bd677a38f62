// Owners' stories: which MINI it is (model code, body style and year, one visible question), the coach from what the
// display shows, a code that cannot be right, and serial formats — offline, with 360 px screenshots in light and dark.
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, waitForServiceWorkerControl } from './support/fixtures';
import { R56, chooseGeneration, expectNoAxeViolations, expectStep, openHome, reachEntryCoach, reachFindSerial, startCase } from './support/case-flow';

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const path = join(testInfo.project.outputDir, 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function openPicker(page: Page): Promise<void> {
  await startCase(page);
  await page.getByRole('button', { name: 'Not sure which MINI?' }).click();
  await expect(page.getByRole('group', { name: 'Which body style is it?' })).toBeVisible();
}

async function answerBodyAndYear(page: Page, body: string, year: number): Promise<void> {
  await page.getByRole('button', { name: body, exact: true }).click();
  await page.getByLabel('Which year is the car?').selectOption(String(year));
  await page.getByRole('button', { name: 'Next' }).click();
}

const result = (page: Page) => page.locator('.picker').getByRole('status');

/**
 * The one-off "Ready to work offline" notice comes with the next screen the user opens and would sit in every
 * picture: open one (About), close it there, and come back home.
 */
async function closeOfflineToast(page: Page): Promise<void> {
  await waitForServiceWorkerControl(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'About' }).click();
  const toast = page.getByRole('status').filter({ hasText: 'Ready to work offline.' });
  await toast.getByRole('button', { name: 'Close' }).click();
  await expect(toast).toHaveCount(0);
  await nav.getByRole('link', { name: 'Home' }).click();
}

test.describe('which MINI is it?', () => {
  test('a 2014 convertible is an R57 with preset buttons, not an F57; the case gets the R-series coach', async ({ page }) => {
    await openHome(page, { offline: true });
    await openPicker(page);
    await answerBodyAndYear(page, 'Convertible', 2014);
    await expect(result(page)).toContainText('It is most likely: R55 / R56 / R57 / R58 / R59');
    await expect(result(page)).toContainText('Model code: R57');
    await expect(result(page)).toContainText('body style and year');
    await expect(result(page).getByText('Reported')).toBeVisible();
    await page.getByRole('button', { name: 'Use this' }).click();
    await expectStep(page, 'What does the radio show?');
    await reachEntryCoach(page, '24135');
    await expect(page.getByRole('radio', { name: 'Preset buttons, press to count up' })).toBeChecked();
  });

  test('a 2007 convertible is an R52 (first generation), a 2024 hatch an F56', async ({ page }) => {
    await openHome(page, { offline: true });
    await openPicker(page);
    await answerBodyAndYear(page, 'Convertible', 2007);
    await expect(result(page)).toContainText('R50 / R52 / R53');
    await expect(result(page)).toContainText('Model code: R52');
    await page.getByRole('button', { name: 'Start the questions again' }).click();
    await answerBodyAndYear(page, 'Hatch', 2024);
    await expect(result(page)).toContainText('F55 / F56 / F57');
  });

  test('a typed model code decides on its own; an unknown one is named', async ({ page }) => {
    await openHome(page, { offline: true });
    await openPicker(page);
    const code = page.getByLabel('Model code, if you know it');
    await code.fill('R51');
    await page.getByRole('button', { name: 'Use this code' }).click();
    await expect(page.getByRole('alert')).toContainText('“R51” is not a MINI model code we know');
    await code.fill('f 56');
    await page.getByRole('button', { name: 'Use this code' }).click();
    await expect(result(page)).toContainText('F55 / F56 / F57');
    await expect(result(page)).toContainText('the model code you typed');
    await page.getByRole('button', { name: 'Use this' }).click();
    await expectStep(page, 'What does the radio show?');
  });

  test('where years overlap, one visible question with its caveat and source; the other answer stays one tap away', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await openHome(page, { offline: true });
    await closeOfflineToast(page);
    await openPicker(page);
    await answerBodyAndYear(page, 'Hatch', 2014);
    const question = page.getByRole('group', { name: 'Where is the speedometer?' });
    await expect(question).toBeVisible();
    await expect(page.getByText(/older-generation cars with factory navigation/)).toBeVisible();
    await expect(page.getByText('motoringfile.com', { exact: false })).toBeVisible();
    await expectNoAxeViolations(page, 'picker: speedometer question');
    await shoot(page, testInfo, 'picker-speedometer-light');
    await question.getByRole('button', { name: /Behind the steering wheel/ }).click();
    await expect(result(page)).toContainText('F55 / F56 / F57');
    await expect(result(page)).toContainText('where the speedometer is');
    await expect(page.getByText('Does your car look different? Choose:')).toBeVisible();
    await expectNoAxeViolations(page, 'picker: result with cues and the other generation');
    await shoot(page, testInfo, 'picker-result-light');
    await page.getByRole('button', { name: R56 }).click();
    await expectStep(page, 'What does the radio show?');
  });
});

test.describe('the coach from what the display shows', () => {
  async function coach(page: Page, code: string): Promise<void> {
    await openHome(page, { offline: true });
    await startCase(page);
    await chooseGeneration(page, R56);
    await reachEntryCoach(page, code);
  }
  // The step items themselves, not the read-back's digits nested in the check step.
  const steps = (page: Page) => page.getByRole('list', { name: 'Button presses, tick each one off' }).locator(':scope > li');

  test('press until the digit shows the target; counts only once the start value is known (0, 1 or "-")', async ({ page }) => {
    await coach(page, '24135');
    await expect(steps(page).nth(0)).toHaveText(/^Digit 1: press preset 1 until it shows 2\.$/);
    await expect(steps(page).nth(1)).toHaveText(/^Digit 2: press preset 2 until it shows 4\.$/);

    const start = page.getByRole('group', { name: 'Before you press anything: what does the first digit show?' });
    await start.getByRole('radio', { name: '0', exact: true }).check();
    await expect(steps(page).nth(0)).toContainText('From 0, that is 2 presses.');
    await expect(steps(page).nth(2)).toContainText('From 0, that is 1 press.');

    await start.getByRole('radio', { name: '1', exact: true }).check();
    await expect(steps(page).nth(0)).toContainText('From 1, that is 1 press.');
    await expect(steps(page).nth(2)).toContainText('It already shows 1: no press needed.');

    await start.getByRole('radio', { name: '-', exact: true }).check();
    await expect(steps(page).nth(0)).toHaveText(/^Digit 1: press preset 1 until it shows 2\.$/);
    await expect(page.getByText(/that is \d+ press/)).toHaveCount(0);
    await expectNoAxeViolations(page, 'coach: start value question');
  });

  test('every style reads the code back digit by digit before the final press', async ({ page }) => {
    await coach(page, '24135');
    const check = steps(page).nth(5);
    await expect(check).toContainText('Before the final press, check your code digit by digit: 2 4 1 3 5.');
    await expect(check.getByRole('list', { name: 'Your code, digit by digit' }).getByRole('listitem')).toHaveText([
      /Digit 1: 2/,
      /Digit 2: 4/,
      /Digit 3: 1/,
      /Digit 4: 3/,
      /Digit 5: 5/,
    ]);
    await expect(steps(page).nth(6)).toContainText('Hold preset 5 to send the code.');
    await page.getByRole('radio', { name: 'Preset buttons, one press per digit' }).check();
    await expect(steps(page).nth(4)).toContainText('check your code digit by digit');
    await expect(steps(page).nth(5)).toContainText('Digit 5: press preset 5.');
  });

  test('a code with an 8 is called probably wrong, with the checks to make, not a dead end', async ({ page }) => {
    await coach(page, '12813');
    await expect(page.getByRole('alert')).toContainText('Digit 3 is 8. MINI radio codes of this era use only the digits 1 to 6, so this code is probably wrong.');
    await expect(steps(page)).toHaveCount(0);
    const check = page.getByRole('region', { name: 'Is the code right?' });
    await expect(check).toBeVisible();
    await expect(check.getByRole('list', { name: 'Your code, digit by digit' }).getByRole('listitem')).toHaveCount(5);
    await expect(check).toContainText('O and 0, I and 1, l and 1, S and 5, B and 8');
    await expect(page.getByRole('button', { name: 'Change' })).toBeVisible();
    await expectNoAxeViolations(page, 'coach: code with a digit outside 1–6');
  });
});

test.describe('serial formats', () => {
  test('an 18-character "Blaupunkt" serial is refused before the order; 14 characters are recognised as Blaupunkt', async ({ page }) => {
    await openHome(page, { offline: true });
    await startCase(page);
    await chooseGeneration(page, R56);
    await reachFindSerial(page);
    const serial = page.getByLabel('Serial number');
    await serial.fill('BP8272W14836920000');
    await expect(page.getByText('Starts like a Blaupunkt serial, which has 14 characters. This one has 18.')).toBeVisible();
    await page.getByRole('button', { name: 'Continue with this serial' }).click();
    await expect(page.getByRole('alert')).toContainText('Serials that start with BP are Blaupunkt serials and have 14 characters.');
    await expectStep(page, 'Find the serial number');
    await expect(serial).toHaveAttribute('aria-invalid', 'true');

    await serial.fill('bp8272 w148 3692');
    await expect(page.getByText('Format of Blaupunkt serials (14 characters).')).toBeVisible();
    await expectNoAxeViolations(page, 'serial: maker recognised');
    await serial.fill('A50223456');
    await expect(page.getByText('Format of Alpine serials (9 or 10 characters).')).toBeVisible();
    await serial.fill('BP8272W1483692');
    await page.getByRole('button', { name: 'Continue with this serial' }).click();
    await expectStep(page, 'Order the code');
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshots at 360 px, ${colorScheme}: picker, coach with read-back, suspect code, serial maker, guide`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 360, height: 780 });
    await openHome(page, { offline: true });
    await closeOfflineToast(page);
    await openPicker(page);
    await shoot(page, testInfo, `picker-body-${colorScheme}`);
    await answerBodyAndYear(page, 'Clubman', 2015);
    await shoot(page, testInfo, `picker-question-${colorScheme}`);
    await expectNoAxeViolations(page, `picker question (${colorScheme})`);
    await page.getByRole('button', { name: /In the big round dial/ }).click();
    await expect(result(page)).toContainText('R55 / R56');
    await shoot(page, testInfo, `picker-found-${colorScheme}`);
    await page.getByRole('button', { name: 'Use this' }).click();
    await reachEntryCoach(page, '24135');
    await page.getByRole('radio', { name: '0', exact: true }).check();
    await shoot(page, testInfo, `coach-start-0-${colorScheme}`);

    await page.getByRole('button', { name: 'Change' }).click();
    await page.getByLabel('Radio code').fill('12813');
    await page.getByRole('button', { name: 'Save the code' }).click();
    await expect(page.getByRole('region', { name: 'Is the code right?' })).toBeVisible();
    await shoot(page, testInfo, `coach-suspect-${colorScheme}`);
    await expectNoAxeViolations(page, `suspect code (${colorScheme})`);

    await page.getByRole('link', { name: 'Home' }).click();
    await startCase(page);
    await chooseGeneration(page, R56);
    await reachFindSerial(page);
    await page.getByLabel('Serial number').fill('BP8272W1483692');
    await expect(page.getByText('Format of Blaupunkt serials')).toBeVisible();
    await shoot(page, testInfo, `serial-maker-${colorScheme}`);

    await page.goto('/guide/f54-f60');
    await expect(page.getByTestId('code-need-dispute')).toContainText('Sources disagree whether this radio needs a code');
    await shoot(page, testInfo, `guide-dispute-${colorScheme}`);
    await expectNoAxeViolations(page, `guide with the dispute (${colorScheme})`);
  });
}

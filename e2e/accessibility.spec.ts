// axe (WCAG 2.0–2.2 A/AA) on every screen and every case step reachable by clicking, in light and in dark.
import { test, expect } from './support/fixtures';
import {
  CODE,
  F60,
  R50,
  chooseGeneration,
  expectNoAxeViolations,
  expectStep,
  openHome,
  placeOrder,
  reachEntryCoach,
  reachFindSerial,
  reachSafeWait,
  reportDisplay,
  startCase,
  uniqueSerial,
} from './support/case-flow';
import { E2E_ADMIN_TOKEN } from './support/constants';
import { AxeBuilder } from '@axe-core/playwright';
import { AXE_TAGS } from './support/case-flow';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${colorScheme}`, () => {
    // Reduced motion: colours are measured at rest, not halfway through a transition.
    test.use({ colorScheme, reducedMotion: 'reduce' });

    test('static screens: home (empty), guide, settings, about, orders (empty), not found', async ({ page }) => {
      await openHome(page, { clock: false });
      await expectNoAxeViolations(page, 'home, no cases');

      await page.getByRole('link', { name: /^R55 \/ R56/ }).click();
      await expect(page.getByRole('heading', { level: 1, name: /^R55 \/ R56/ })).toBeVisible();
      await expectNoAxeViolations(page, 'guide r55-r59');

      for (const [link, heading] of [
        ['Settings', 'Settings'],
        ['About', 'About'],
        ['Orders', 'Orders'],
      ] as const) {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page).toHaveURL(new RegExp(`/${link.toLowerCase()}$`));
        if (link === 'Orders') await expect(page.getByText('No orders yet.')).toBeVisible();
        if (link === 'Settings') await expect(page.getByRole('switch', { name: 'Notify me when a countdown ends' })).toBeVisible();
        await expectNoAxeViolations(page, `${heading} screen`);
      }

      await page.goto('/no-such-page');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page, 'not found');
    });

    test.describe('admin', () => {
      // A refused token is a 401 from the API: the browser logs it, the screen explains it.
      test.use({ expectedConsoleErrors: [/status of 401/] });

      test('admin: sign-in form, refused token, signed in', async ({ page }) => {
        await page.goto('/admin');
        await expect(page.getByLabel('Admin token')).toBeVisible();
        await expectNoAxeViolations(page, 'admin sign-in');
        await page.getByLabel('Admin token').fill('wrong-token');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await expect(page.getByRole('alert')).toContainText('did not accept');
        await expectNoAxeViolations(page, 'admin sign-in, token refused');
        await page.getByLabel('Admin token').fill(E2E_ADMIN_TOKEN);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
        await expectNoAxeViolations(page, 'admin signed in');
      });
    });

    test('identify with the "Not sure which MINI?" picker, display, SAFE countdown, SAFE over, home with a running countdown', async ({ page }) => {
      await openHome(page);
      await startCase(page);
      await expectNoAxeViolations(page, 'case: identify');

      await page.getByRole('button', { name: 'Not sure which MINI?' }).click();
      await expect(page.getByRole('group', { name: 'Which body style is it?' })).toBeVisible();
      await expectNoAxeViolations(page, 'picker: body style');
      await page.getByRole('button', { name: 'Hatch', exact: true }).click();
      await expect(page.getByLabel('Which year is the car?')).toBeVisible();
      await expectNoAxeViolations(page, 'picker: year');
      await page.getByLabel('Which year is the car?').selectOption('2006');
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(page.getByRole('group', { name: 'How do you start the engine?' })).toBeVisible();
      await expectNoAxeViolations(page, 'picker: a question the owner answers by looking');
      await page.getByRole('button', { name: 'Start the questions again' }).click();
      await page.getByRole('button', { name: 'Countryman', exact: true }).click();
      await page.getByLabel('Which year is the car?').selectOption('2020');
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(page.getByRole('group', { name: /NBT EVO/ })).toBeVisible();
      await expectNoAxeViolations(page, 'picker: NBT EVO question');
      await page.getByRole('button', { name: 'Start the questions again' }).click();
      await page.getByRole('button', { name: 'Hatch', exact: true }).click();
      await page.getByLabel('Which year is the car?').selectOption('2010');
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(page.locator('.picker').getByRole('status')).toContainText('It is most likely');
      await expectNoAxeViolations(page, 'picker: result');
      await page.getByRole('button', { name: 'Use this' }).click();

      await expectStep(page, 'What does the radio show?');
      await expectNoAxeViolations(page, 'case: display');

      await reachSafeWait(page);
      await expectNoAxeViolations(page, 'case: SAFE wait countdown');

      await page.getByRole('link', { name: 'Home' }).click();
      await expect(page.getByTestId('case-list')).toContainText(/ready at/);
      await expectNoAxeViolations(page, 'home with a case counting down');
      await page.getByTestId('case-list').getByRole('link').first().click();

      await page.clock.fastForward('01:00:01');
      await expectStep(page, 'The hour is up');
      await expectNoAxeViolations(page, 'case: SAFE wait over');
      await page.getByRole('link', { name: 'Home' }).click();
      await expect(page.getByTestId('case-list')).toContainText('Time is up');
      await expectNoAxeViolations(page, 'home with a case whose time is up');
    });

    test('have code, code validation, entry coach, last-attempt warning, lockout', async ({ page }) => {
      await openHome(page);
      await startCase(page);
      await chooseGeneration(page);
      await reportDisplay(page, CODE);
      await expectStep(page, 'Do you have the code?');
      await expectNoAxeViolations(page, 'case: have code?');
      await page.getByRole('button', { name: 'Yes, I have the code' }).click();
      await page.getByLabel('Radio code').fill('12');
      await page.getByRole('button', { name: 'Show me the button presses' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations(page, 'case: code field with an error');

      await page.getByRole('button', { name: 'Start over' }).click();
      await expectStep(page, 'Which MINI is it?');
      await chooseGeneration(page);
      await reachEntryCoach(page);
      await page.getByRole('list', { name: 'Button presses, tick each one off' }).getByRole('button').first().click();
      await expectNoAxeViolations(page, 'case: entry coach');

      await page.getByRole('button', { name: 'It said the code is wrong' }).click();
      await expect(page.getByText('2 tries left.')).toBeVisible();
      await page.getByRole('button', { name: 'It said the code is wrong' }).click();
      await expect(page.getByRole('alert')).toContainText('Last try');
      await expectNoAxeViolations(page, 'case: entry coach, last try');

      await page.getByRole('button', { name: 'It said the code is wrong' }).click();
      await expectStep(page, 'Radio locked for an hour');
      await expectNoAxeViolations(page, 'case: lockout');
    });

    test('find serial, order form with errors, awaiting code (offline), orders screen with an order', async ({ page }) => {
      await openHome(page, { offline: true });
      await startCase(page);
      await chooseGeneration(page);
      await reachFindSerial(page);
      await expectNoAxeViolations(page, 'case: find serial');
      await page.getByLabel('Serial number').fill('B0');
      await page.getByRole('button', { name: 'Continue with this serial' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations(page, 'case: find serial with an error and look-alikes');

      const serial = uniqueSerial();
      await page.getByLabel('Serial number').fill(serial);
      await page.getByRole('button', { name: 'Continue with this serial' }).click();
      await expectStep(page, 'Order the code');
      await expectNoAxeViolations(page, 'case: order form');
      await page.getByLabel('E-mail address').fill('not-an-address');
      await page.getByRole('button', { name: 'Order the code' }).click();
      await expect(page.getByRole('alert')).toContainText('does not look right');
      await expectNoAxeViolations(page, 'case: order form with an error');

      await page.getByLabel('E-mail address').fill('owner@example.com');
      await page.getByRole('button', { name: 'Order the code' }).click();
      await expectStep(page, 'Waiting for your code');
      await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'waitingForSignal');
      await expectNoAxeViolations(page, 'case: awaiting code, offline');

      await page.getByRole('link', { name: /^Orders/ }).click();
      await expect(page.getByTestId('order-status')).toBeVisible();
      await expectNoAxeViolations(page, 'orders with an order waiting for signal');
    });

    test('blank checks, workshop, not a code lock, dealer, done', async ({ page }) => {
      await openHome(page);
      await startCase(page);
      await chooseGeneration(page);
      await reportDisplay(page, /^Nothing \(blank\)/);
      await expectStep(page, 'The screen is blank');
      await expectNoAxeViolations(page, 'case: blank checks');
      await page.getByRole('button', { name: 'Still blank' }).click();
      await expectStep(page, 'See a workshop');
      await expectNoAxeViolations(page, 'case: workshop');
      await reportDisplay(page, /^It works normally/);
      await expectStep(page, 'The radio works');
      await expectNoAxeViolations(page, 'case: done');

      await page.getByRole('button', { name: 'Start over' }).click();
      await chooseGeneration(page, R50);
      await reportDisplay(page, /^DISABLED/);
      await expectStep(page, 'This is not a code lock');
      await expectNoAxeViolations(page, 'case: not a code lock');

      await page.getByRole('button', { name: 'Start over' }).click();
      await page.getByRole('button', { name: F60 }).click();
      await expect(page.getByText(/F60 Countryman from 2019–2023 with the NBT EVO/)).toBeVisible();
      await expectNoAxeViolations(page, 'case: VIN-bound question');
      await page.getByRole('button', { name: 'Yes', exact: true }).click();
      await expectStep(page, 'A dealer must reset this radio');
      await expectNoAxeViolations(page, 'case: dealer');
    });
  });
}

test('the awaiting-code step with a sent order passes axe (online)', async ({ page }) => {
  await openHome(page, { clock: false });
  await startCase(page);
  await chooseGeneration(page);
  await reachFindSerial(page);
  await placeOrder(page, uniqueSerial());
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-phase', 'received', { timeout: 20_000 });
  await expectNoAxeViolations(page, 'case: awaiting code, order received');
});

test('the axe check can fail: an unlabelled field and grey-on-grey text are reported', async ({ page }) => {
  await openHome(page, { clock: false });
  // Outside #app, so a render cannot take it away; colours set through CSSOM (the CSP blocks style attributes in markup).
  await page.evaluate(() => {
    const canary = document.createElement('div');
    canary.innerHTML = '<input id="canary-input"><p>low contrast</p>';
    canary.querySelector('p')?.style.setProperty('color', '#bbb');
    canary.style.setProperty('background', '#ccc');
    document.body.append(canary);
  });
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  expect(results.violations.map((v) => v.id)).toEqual(expect.arrayContaining(['label', 'color-contrast']));
});

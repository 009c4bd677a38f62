// Drives the app the way a user does (clicks on visible names) and scans a page with axe; shared by the a11y, layout and screenshot specs.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, waitForServiceWorkerControl } from './fixtures';

/** WCAG 2.0/2.1 A and AA plus WCAG 2.2 AA (target size, focus not obscured). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A fixed morning, so countdowns and "ready at" times are the same on every run. */
export const START = new Date('2026-11-24T09:00:00Z');

/**
 * Runs axe on the whole page and records every violation as a soft failure named after the screen,
 * so one run reports every screen that fails, not just the first.
 */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(' ')}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n'),
  );
  expect.soft(violations, `axe violations on "${screen}"`).toEqual([]);
}

/** The case screen shows this step: its h1 is on screen. */
export async function expectStep(page: Page, title: string | RegExp): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** Opens the home page with a fake clock at START and, if asked, without network once the SW controls the page. */
export async function openHome(page: Page, options: { offline?: boolean; clock?: boolean } = {}): Promise<void> {
  if (options.clock !== false) await page.clock.install({ time: START });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Radio locked?' })).toBeVisible();
  await waitForApp(page);
  if (options.offline) {
    await waitForServiceWorkerControl(page);
    await page.context().setOffline(true);
  }
}

/**
 * The prerendered HTML paints before the app runs: the app's code is fetched after the first paint and marks
 * #app with data-live once it has adopted the page (handlers attached). Then the service worker registration,
 * which the app makes right after. (waitForFunction does not await a promise: an async predicate is always
 * truthy, so the registration is polled with evaluate, which does.)
 */
export async function waitForApp(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('#app[data-live]') !== null, undefined, { timeout: 20_000 });
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) !== undefined), { timeout: 20_000 })
    .toBe(true);
}

/** From home: starts a new case and waits for "Which MINI is it?". */
export async function startCase(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Start with my car|Add another car)$/ }).click();
  await expectStep(page, 'Which MINI is it?');
}

export const R56 = /^R55 \/ R56/;
export const F60 = /^F54 \/ F60/;
export const R50 = /^R50 \/ R52/;

/** identify → display for a generation that is not VIN-bound. */
export async function chooseGeneration(page: Page, name: RegExp = R56): Promise<void> {
  await page.getByRole('button', { name }).click();
  await expectStep(page, 'What does the radio show?');
}

/** Answers "What does the radio show?" with one of the display buttons (its visible label). */
export async function reportDisplay(page: Page, label: RegExp): Promise<void> {
  await page.getByRole('button', { name: label }).click();
}

export const SAFE = /^SAFE/;
export const CODE = /^CODE \(or/;

export const DISPUTE_TITLE = 'Does this radio need a code?';

/**
 * Where sources disagree whether the unit takes a code (FACTS.md), the case says so before a SAFE
 * wait or an order; the user reads it and goes on. Passes through when the generation is not disputed.
 */
export async function passCodeDispute(page: Page, next: 'Wait for CODE' | 'Find the serial number'): Promise<void> {
  const dispute = page.getByRole('heading', { level: 1, name: DISPUTE_TITLE });
  await expect(dispute.or(page.getByRole('heading', { level: 1, name: next }))).toBeVisible();
  if (await dispute.isVisible()) {
    // "Tried that — …" where the advice is something to try; the plain step where the display already answers it.
    const onward = next === 'Wait for CODE' ? /^(Tried that — start the wait|Start the wait)$/ : /^(Tried that — find the serial and order|Find the serial and order)$/;
    await page.getByRole('button', { name: onward }).click();
  }
  await expectStep(page, next);
}

/** display → (dispute) → safeWait: the hour-long countdown. */
export async function reachSafeWait(page: Page): Promise<void> {
  await reportDisplay(page, SAFE);
  await passCodeDispute(page, 'Wait for CODE');
  await expect(page.getByTestId('countdown')).toContainText('1:00:00');
}

/** display → haveCode → enterCode with a valid code: the entry coach. */
export async function reachEntryCoach(page: Page, code = '24135'): Promise<void> {
  await reportDisplay(page, CODE);
  await expectStep(page, 'Do you have the code?');
  await page.getByRole('button', { name: 'Yes, I have the code' }).click();
  await page.getByLabel('Radio code').fill(code);
  await page.getByRole('button', { name: 'Show me the button presses' }).click();
  await expectStep(page, 'Enter the code');
  await expect(page.getByText('3 tries left.')).toBeVisible();
}

/** display → haveCode → (dispute) → findSerial. */
export async function reachFindSerial(page: Page): Promise<void> {
  await reportDisplay(page, CODE);
  await expectStep(page, 'Do you have the code?');
  await page.getByRole('button', { name: 'No, I need the code' }).click();
  await passCodeDispute(page, 'Find the serial number');
}

/** findSerial → order → awaitingCode (a valid serial and e-mail). */
export async function placeOrder(page: Page, serial: string, email = 'owner@example.com'): Promise<void> {
  await page.getByLabel('Serial number').fill(serial);
  await page.getByRole('button', { name: 'Continue with this serial' }).click();
  await expectStep(page, 'Order the code');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('button', { name: 'Order the code' }).click();
  await expectStep(page, 'Waiting for your code');
}

/** A serial nobody else in this run uses (the e2e server's database is shared by all specs). */
export function uniqueSerial(): string {
  return `AX${Date.now().toString().slice(-10)}${Math.floor(Math.random() * 90 + 10)}`;
}

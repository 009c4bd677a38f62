// 200 realistic cases for the home-list bench, made by the real domain code (src/domain) so their shape always matches RadioCase.
import { randomUUID } from 'node:crypto';
import { tsImport } from 'tsx/esm/api';

const MINUTE = 60_000;

/** The storage names the page uses, read from src/storage/db.ts (not copied). */
export async function deviceDbNames() {
  const db = await tsImport('../../src/storage/db.ts', import.meta.url);
  if (typeof db.DB_NAME !== 'string' || typeof db.DB_VERSION !== 'number') throw new Error('src/storage/db.ts no longer exports DB_NAME and DB_VERSION');
  return { name: db.DB_NAME, version: db.DB_VERSION, store: 'cases' };
}

/*
 * Each recipe is a list of [minutes before now, event]; the case is created a little before the
 * first event. The mix covers every home-list look: running and ended countdowns, questions,
 * orders waiting for a code, codes to enter, finished cases.
 */
const RECIPES = [
  { name: 'identify', generation: null, steps: [] },
  { name: 'display', steps: [] },
  { name: 'safeWait running', steps: [[-25, { type: 'display.reported', message: 'SAFE' }]] },
  { name: 'safeWait over', steps: [[-75, { type: 'display.reported', message: 'SAFE' }], [-10, { type: 'timer.elapsed' }]] },
  { name: 'safeWait ended, not yet told', steps: [[-62, { type: 'display.reported', message: 'SAFE' }]] },
  { name: 'haveCode', steps: [[-8, { type: 'display.reported', message: 'CODE' }]] },
  { name: 'findSerial', steps: [[-9, { type: 'display.reported', message: 'CODE' }], [-8, { type: 'code.unknown' }]] },
  {
    name: 'awaitingCode',
    steps: [
      [-50, { type: 'display.reported', message: 'CODE' }],
      [-49, { type: 'code.unknown' }],
      [-45, { type: 'serial.entered', serial: 'BP1234567890AB' }],
      [-44, { type: 'order.placed', orderKey: 'KEY' }],
    ],
  },
  { name: 'enterCode', steps: [[-6, { type: 'display.reported', message: 'CODE' }], [-5, { type: 'code.known', code: '1234' }]] },
  {
    name: 'enterCode, last attempt',
    steps: [
      [-6, { type: 'display.reported', message: 'CODE' }],
      [-5, { type: 'code.known', code: '4321' }],
      [-4, { type: 'code.rejected' }],
      [-3, { type: 'code.rejected' }],
    ],
  },
  { name: 'lockout running', steps: [[-40, { type: 'display.reported', message: '1000' }]] },
  { name: 'lockout due', steps: [[-65, { type: 'display.reported', message: 'WAIT' }]] },
  { name: 'blankChecks', steps: [[-3, { type: 'display.reported', message: 'blank' }]] },
  { name: 'notCodeLock', steps: [[-12, { type: 'display.reported', message: 'DISABLED' }]] },
  { name: 'done', steps: [[-30, { type: 'display.reported', message: 'normal' }]] },
  {
    name: 'delivered code',
    steps: [
      [-90, { type: 'display.reported', message: 'CODE' }],
      [-89, { type: 'code.unknown' }],
      [-88, { type: 'serial.entered', serial: 'CQ0987654321' }],
      [-87, { type: 'order.placed', orderKey: 'KEY' }],
      [-20, { type: 'code.delivered', code: '2580' }],
    ],
  },
];

/** `count` open cases, recipes and generations mixed round-robin, timestamps relative to `now`. */
export async function makeCases(count, now = Date.now()) {
  const { createCase, applyEvent } = await tsImport('../../src/domain/case.ts', import.meta.url);
  const { GENERATION_IDS } = await tsImport('../../src/domain/generations.ts', import.meta.url);
  const cases = [];
  for (let i = 0; i < count; i++) {
    const recipe = RECIPES[i % RECIPES.length];
    const generation = recipe.generation === null ? null : GENERATION_IDS[i % GENERATION_IDS.length];
    // Spread the clocks a little so countdowns and "updated" times differ from case to case.
    const jitter = (i % 7) - 3;
    const first = recipe.steps[0]?.[0] ?? -2;
    let radioCase = createCase({ id: randomUUID(), label: `Bench car ${i + 1}`, now: now + (first - 1 + jitter) * MINUTE, generation });
    for (const [minutes, template] of recipe.steps) {
      const event = template.type === 'order.placed' ? { ...template, orderKey: randomUUID() } : template;
      const result = applyEvent(radioCase, event, now + (minutes + jitter) * MINUTE);
      if (!result.changed) throw new Error(`case fixture "${recipe.name}": the machine refused ${event.type} in ${radioCase.machine.value}`);
      radioCase = result.case;
    }
    cases.push(radioCase);
  }
  return { cases, recipes: RECIPES.map((r) => r.name) };
}

import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from './languages';
import { interpolationVariables, languagesOnDisk, namespacesOf, readBundle, splitPlural, type FlatBundle } from './locale-files';

const DISPLAY_WORDS = ['SAFE', 'CODE WAIT', 'DISABLED'];

function baseKeys(bundle: FlatBundle): Map<string, Set<string>> {
  const bases = new Map<string, Set<string>>();
  for (const key of bundle.keys()) {
    const { base, category } = splitPlural(key);
    const categories = bases.get(base) ?? new Set<string>();
    if (category) categories.add(category);
    bases.set(base, categories);
  }
  return bases;
}

function variablesByBase(bundle: FlatBundle): Map<string, string[]> {
  const result = new Map<string, Set<string>>();
  for (const [key, text] of bundle) {
    const { base } = splitPlural(key);
    const vars = result.get(base) ?? new Set<string>();
    // `count` is implied by a plural key; a language may leave it out of one form ("one attempt left").
    for (const v of interpolationVariables(text)) if (!(splitPlural(key).category && v === 'count')) vars.add(v);
    result.set(base, vars);
  }
  return new Map([...result].map(([k, v]) => [k, [...v].sort()]));
}

describe('locale files', () => {
  it('exist for exactly the supported languages', () => {
    expect(languagesOnDisk()).toEqual([...SUPPORTED_LOCALES].sort());
  });

  const english = Object.fromEntries(namespacesOf('en').map((ns) => [ns, readBundle('en', ns)]));

  for (const language of SUPPORTED_LOCALES.filter((l) => l !== 'en')) {
    describe(language, () => {
      it('has the same namespaces as English', () => {
        expect(namespacesOf(language)).toEqual(namespacesOf('en'));
      });

      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;

      for (const namespace of namespacesOf('en')) {
        it(`${namespace}: no missing or extra keys, plural forms for ${language}, same variables`, () => {
          const source = english[namespace] as FlatBundle;
          const target = readBundle(language, namespace);
          const sourceBases = baseKeys(source);
          const targetBases = baseKeys(target);
          expect([...targetBases.keys()].filter((k) => !sourceBases.has(k)), 'extra keys').toEqual([]);
          expect([...sourceBases.keys()].filter((k) => !targetBases.has(k)), 'missing keys').toEqual([]);
          for (const [base, englishForms] of sourceBases) {
            if (englishForms.size === 0) continue;
            const forms = [...(targetBases.get(base) ?? [])].sort();
            // Every category the language uses (Intl.PluralRules), 'other' always.
            for (const category of categories)
              if (category !== 'zero' || forms.includes('zero')) expect(forms, `${base} plural forms`).toContain(category);
          }
          const sourceVars = variablesByBase(source);
          const targetVars = variablesByBase(target);
          for (const [base, vars] of sourceVars) expect(targetVars.get(base), `${namespace}:${base} variables`).toEqual(vars);
          for (const [key, text] of target) expect(text.trim(), `${namespace}:${key} is empty`).not.toBe('');
        });

        it(`${namespace}: keeps the radio's display words exactly as the radio shows them`, () => {
          const source = english[namespace] as FlatBundle;
          const target = readBundle(language, namespace);
          for (const [key, text] of source) {
            const translated = target.get(key);
            if (translated === undefined) continue;
            for (const word of DISPLAY_WORDS)
              if (new RegExp(`\\b${word}\\b`).test(text))
                expect(translated, `${namespace}:${key} must keep "${word}"`).toMatch(new RegExp(`\\b${word}\\b`));
          }
        });
      }
    });
  }
});

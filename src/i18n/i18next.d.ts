// English is the type of the keys: t('a.missing.key') fails the typecheck.
import 'i18next';
import type common from './locales/en/common.json';
import type guide from './locales/en/guide.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: { common: typeof common; guide: typeof guide };
    returnNull: false;
  }
}

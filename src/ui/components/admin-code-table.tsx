// Staff's code table on /admin: search by serial, add one code, upload a CSV (every bad line named), export everything.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { CodeTableImportAnswer, CodeTableSearchAnswer } from '../../domain/code-table';
import { groupSerial } from '../../domain/order';
import { addCode, exportCodes, importCodes, searchCodes, type AdminResult } from '../admin-api';
import { useT } from '../hooks/use-t';
import { problemMessage } from './order-problems';

type Message = { tone: 'ok' | 'danger'; lines: string[] } | null;

export function AdminCodeTable({ token }: { token: string }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CodeTableSearchAnswer | null>(null);
  const [serial, setSerial] = useState('');
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<Message>(null);

  const report = (result: AdminResult<CodeTableImportAnswer>) => {
    if (result.ok) {
      setMessage({ tone: 'ok', lines: [t('admin.codes.imported', { added: result.value.added, unchanged: result.value.unchanged, fulfilled: result.value.fulfilled })] });
      return;
    }
    const lines = result.lines?.map((problem) => t('admin.codes.badLine', { line: problem.line, problem: problemMessage(t, problem.code) })) ?? [];
    const head = result.code === 'serial.conflict' ? (result.detail ?? t('admin.codes.conflict')) : result.status === 422 ? t('admin.codes.nothingImported') : (result.detail ?? t('admin.failed', { status: result.status }));
    setMessage({ tone: 'danger', lines: [head, ...lines] });
  };

  return (
    <section class="card admin-codes" aria-labelledby="admin-codes-title" data-testid="admin-codes">
      <h2 id="admin-codes-title">{t('admin.codes.title')}</h2>
      <form
        role="search"
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await searchCodes(token, query);
          if (result.ok) setFound(result.value);
          else setMessage({ tone: 'danger', lines: [result.detail ?? t('admin.failed', { status: result.status })] });
        }}
      >
        <div class="field">
          <label for="codes-search">{t('admin.codes.search')}</label>
          <input id="codes-search" autoComplete="off" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button button--small">
          {t('admin.codes.find')}
        </button>
      </form>
      {found ? (
        <>
          <p class="muted">{t('admin.codes.total', { count: found.total })}</p>
          {found.rows.length === 0 ? <p>{t('admin.codes.none')}</p> : null}
          <dl class="order__facts" data-testid="code-rows">
            {found.rows.map((row) => (
              <Fragment key={row.serial}>
                <dt class="serial-preview">{groupSerial(row.serial)}</dt>
                <dd class="display-word">{row.code}</dd>
              </Fragment>
            ))}
          </dl>
        </>
      ) : null}

      <form
        class="admin-action"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await addCode(token, serial, code);
          if (result.ok) {
            setSerial('');
            setCode('');
          }
          report(result);
        }}
      >
        <div class="field">
          <label for="codes-serial">{t('orderForm.serial')}</label>
          <input id="codes-serial" autoComplete="off" value={serial} onInput={(e) => setSerial(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="codes-code">{t('admin.code')}</label>
          <input id="codes-code" inputMode="numeric" autoComplete="off" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button button--small">
          {t('admin.codes.add')}
        </button>
      </form>

      <div class="field">
        <label for="codes-upload">{t('admin.codes.upload')}</label>
        <input
          id="codes-upload"
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-describedby="codes-upload-hint"
          onChange={async (event) => {
            const file = event.currentTarget.files?.[0];
            if (!file) return;
            report(await importCodes(token, await file.text()));
            event.currentTarget.value = '';
          }}
        />
        <p id="codes-upload-hint" class="field__hint">
          {t('admin.codes.uploadHint')}
        </p>
      </div>

      <button
        type="button"
        class="button button--small button--quiet"
        onClick={async () => {
          const result = await exportCodes(token);
          if (!result.ok) return setMessage({ tone: 'danger', lines: [t('admin.failed', { status: result.status })] });
          const link = document.createElement('a');
          link.href = URL.createObjectURL(result.value);
          link.download = 'code-table.csv';
          link.click();
          setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
        }}
      >
        {t('admin.codes.export')}
      </button>

      {message ? (
        <div class={`notice notice--${message.tone}`} role={message.tone === 'danger' ? 'alert' : 'status'} data-testid="codes-message">
          {message.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      ) : null}
    </section>
  );
}

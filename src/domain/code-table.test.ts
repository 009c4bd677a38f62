import { describe, expect, it } from 'vitest';
import { formatCodeTable, parseCodeTable } from './code-table';

describe('parseCodeTable', () => {
  it('normalises serials like an order, skips a header and blank lines, accepts quotes and semicolons', () => {
    const parsed = parseCodeTable('serial,code\r\n"ap12 3456-7890",1234\n\nCD98.7654.3210;04321\n');
    expect(parsed).toEqual({ ok: true, rows: [{ serial: 'AP1234567890', code: '1234' }, { serial: 'CD9876543210', code: '04321' }] });
  });

  it('reports every bad line by its number and imports nothing', () => {
    const parsed = parseCodeTable(['serial,code', 'AP1234567890,1234', 'short,1234', 'AP1234567891,12', 'AP1234567892', 'AP12 3456 7890,9999', 'AP1234567890,1234'].join('\n'));
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { line: 3, code: 'serial.tooShort' },
        { line: 4, code: 'code.format' },
        { line: 5, code: 'row.columns' },
        { line: 6, code: 'serial.conflict' },
      ],
    });
  });

  it('refuses more rows than one upload may hold', () => {
    expect(parseCodeTable('AP1234567890,1234\nAP1234567891,1234', 1)).toEqual({ ok: false, problems: [{ line: 2, code: 'file.tooManyRows' }] });
  });

  it('export and import round-trip', () => {
    const rows = [{ serial: 'AB1234567', code: '1111' }];
    expect(parseCodeTable(formatCodeTable(rows))).toEqual({ ok: true, rows });
  });
});

// Staff's code table as text: parsing `serial,code` CSV into normalised rows, with every bad line reported by number.
import * as v from 'valibot';
import { checkSerial, RadioCodeSchema } from './order';

/** One known code for one radio serial (serial normalised by the shared order schema). */
export interface CodeTableRow {
  serial: string;
  code: string;
}

/** A line that cannot be imported: its 1-based number and a message key ('serial.tooShort', 'code.format', …). */
export interface CodeTableLineProblem {
  line: number;
  code: string;
}

export type CodeTableParse = { ok: true; rows: CodeTableRow[] } | { ok: false; problems: CodeTableLineProblem[] };

/** Row counts above this are refused in one upload (the CLI streams bigger files in batches). */
export const CODE_TABLE_UPLOAD_MAX_ROWS = 50_000;

/** A header line ("serial,code", any case) is allowed on line 1 and skipped. */
function isHeader(cells: string[]): boolean {
  return cells.length === 2 && cells[0]?.trim().toLowerCase() === 'serial' && cells[1]?.trim().toLowerCase() === 'code';
}

/** Checks one `serial,code` pair; the same rules as an order's serial and a staff-typed code. */
export function checkCodeTableRow(serial: string, code: string): { ok: true; row: CodeTableRow } | { ok: false; code: string } {
  const checkedSerial = checkSerial(serial);
  if (!checkedSerial.ok) return { ok: false, code: checkedSerial.code };
  const checkedCode = v.safeParse(RadioCodeSchema, code);
  if (!checkedCode.success) return { ok: false, code: checkedCode.issues[0]?.message ?? 'code.format' };
  return { ok: true, row: { serial: checkedSerial.value, code: checkedCode.output } };
}

/**
 * Parses the whole text or nothing: blank lines are skipped, a serial listed twice with the same
 * code counts once, twice with different codes is a problem on the later line ('serial.conflict').
 * Cells may be quoted ("BP12 3456",1234) as spreadsheets write them; ';' works as the separator too.
 */
export function parseCodeTable(text: string, maxRows = CODE_TABLE_UPLOAD_MAX_ROWS): CodeTableParse {
  const problems: CodeTableLineProblem[] = [];
  const bySerial = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const cells = splitCells(raw);
    if (line === 1 && isHeader(cells)) return;
    if (cells.length !== 2) {
      problems.push({ line, code: 'row.columns' });
      return;
    }
    const checked = checkCodeTableRow(cells[0] ?? '', cells[1] ?? '');
    if (!checked.ok) {
      problems.push({ line, code: checked.code });
      return;
    }
    const known = bySerial.get(checked.row.serial);
    if (known !== undefined && known !== checked.row.code) problems.push({ line, code: 'serial.conflict' });
    else bySerial.set(checked.row.serial, checked.row.code);
  });
  if (problems.length === 0 && bySerial.size > maxRows) problems.push({ line: lines.length, code: 'file.tooManyRows' });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rows: [...bySerial].map(([serial, code]) => ({ serial, code })) };
}

function splitCells(line: string): string[] {
  const separator = line.includes(',') ? ',' : ';';
  return line.split(separator).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());
}

/** The table as CSV with a header, for the export download. Serials and codes need no quoting. */
export function formatCodeTable(rows: Iterable<CodeTableRow>): string {
  let text = 'serial,code\n';
  for (const row of rows) text += `${row.serial},${row.code}\n`;
  return text;
}

/** Body of GET /api/admin/codes. */
export interface CodeTableSearchAnswer {
  rows: CodeTableRow[];
  total: number;
}

/** Body of a successful import or add: rows new to the table, rows already there with the same code, waiting orders now fulfilled. */
export interface CodeTableImportAnswer {
  added: number;
  unchanged: number;
  fulfilled: number;
}

/** Body of GET /api/admin/privacy: what the service keeps, for how long. */
export interface PrivacyAnswer {
  retentionDays: number;
  payment: boolean;
}

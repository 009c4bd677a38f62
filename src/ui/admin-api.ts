// The order service's staff API, for the /admin screen; the token lives in sessionStorage only (gone with the tab).
import type { AdminOrder, AdminOrderList } from '../domain/order';
import type { CodeTableImportAnswer, CodeTableLineProblem, CodeTableSearchAnswer, PrivacyAnswer } from '../domain/code-table';

const TOKEN_KEY = 'admin-token';

export function savedAdminToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function saveAdminToken(token: string): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export type AdminResult<T> = { ok: true; value: T } | { ok: false; status: number; detail?: string; code?: string; lines?: CodeTableLineProblem[] };

async function call<T>(token: string, path: string, init: RequestInit = {}): Promise<AdminResult<T>> {
  let response: Response;
  try {
    response = await fetch(`/api/admin${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
    });
  } catch {
    return { ok: false, status: 0 };
  }
  if (response.ok) return { ok: true, value: (await response.json()) as T };
  const body = (await response.json().catch(() => ({}))) as { detail?: unknown; code?: unknown; lines?: unknown };
  return {
    ok: false,
    status: response.status,
    ...(typeof body.detail === 'string' ? { detail: body.detail } : {}),
    ...(typeof body.code === 'string' ? { code: body.code } : {}),
    ...(Array.isArray(body.lines) ? { lines: body.lines as CodeTableLineProblem[] } : {}),
  };
}

/** The staff queue: received and paid orders waiting for a code, and payments flagged for a look. */
export function listQueuedOrders(token: string): Promise<AdminResult<AdminOrderList>> {
  return call(token, '/orders?status=queue');
}

export function refundOrder(token: string, id: string, reason: string): Promise<AdminResult<AdminOrder>> {
  return call(token, `/orders/${encodeURIComponent(id)}/refund`, { method: 'POST', body: JSON.stringify({ reason }) });
}

export function searchCodes(token: string, query: string): Promise<AdminResult<CodeTableSearchAnswer>> {
  return call(token, `/codes?q=${encodeURIComponent(query)}`);
}

export function addCode(token: string, serial: string, code: string): Promise<AdminResult<CodeTableImportAnswer>> {
  return call(token, '/codes', { method: 'POST', body: JSON.stringify({ serial, code }) });
}

export function importCodes(token: string, csv: string): Promise<AdminResult<CodeTableImportAnswer>> {
  return call(token, '/codes/import', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv });
}

export function privacyFacts(token: string): Promise<AdminResult<PrivacyAnswer>> {
  return call(token, '/privacy');
}

/** The whole table as CSV (the download needs the token, so it is fetched, not linked). */
export async function exportCodes(token: string): Promise<AdminResult<Blob>> {
  try {
    const response = await fetch('/api/admin/codes/export', { headers: { Authorization: `Bearer ${token}` } });
    return response.ok ? { ok: true, value: await response.blob() } : { ok: false, status: response.status };
  } catch {
    return { ok: false, status: 0 };
  }
}

export function fulfilOrder(token: string, id: string, code: string): Promise<AdminResult<AdminOrder>> {
  return call(token, `/orders/${encodeURIComponent(id)}/fulfil`, { method: 'POST', body: JSON.stringify({ code }) });
}

export function cancelOrder(token: string, id: string, reason: string): Promise<AdminResult<AdminOrder>> {
  return call(token, `/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: JSON.stringify({ reason }) });
}

// The order service's staff API, for the /admin screen; the token lives in sessionStorage only (gone with the tab).
import type { AdminOrder, AdminOrderList } from '../domain/order';

const TOKEN_KEY = 'admin-token';

export function savedAdminToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function saveAdminToken(token: string): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export type AdminResult<T> = { ok: true; value: T } | { ok: false; status: number; detail?: string };

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
  const body = (await response.json().catch(() => ({}))) as { detail?: unknown };
  return { ok: false, status: response.status, ...(typeof body.detail === 'string' ? { detail: body.detail } : {}) };
}

export function listReceivedOrders(token: string): Promise<AdminResult<AdminOrderList>> {
  return call(token, '/orders?status=received');
}

export function fulfilOrder(token: string, id: string, code: string): Promise<AdminResult<AdminOrder>> {
  return call(token, `/orders/${encodeURIComponent(id)}/fulfil`, { method: 'POST', body: JSON.stringify({ code }) });
}

export function cancelOrder(token: string, id: string, reason: string): Promise<AdminResult<AdminOrder>> {
  return call(token, `/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: JSON.stringify({ reason }) });
}

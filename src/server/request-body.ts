// Reads a JSON request body with a hard size limit, whether or not the client declared Content-Length.
export const MAX_BODY_BYTES = 16 * 1024;

export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'tooLarge' | 'unsupportedMediaType' | 'invalidJson' };

/** The Content-Length the client declared, when it is a plain number. */
function declaredLength(request: Request): number | undefined {
  const declared = request.headers.get('content-length');
  return declared !== null && /^\d+$/.test(declared) ? Number(declared) : undefined;
}

/** True when the declared length alone already rules the body out (checked before any other work). */
export function declaresTooLarge(request: Request, limit = MAX_BODY_BYTES): boolean {
  const declared = declaredLength(request);
  return declared !== undefined && declared > limit;
}

function isJsonContentType(value: string | null): boolean {
  const type = value?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

/**
 * Counts bytes as they arrive and stops at the limit, so a chunked or lying client cannot make
 * us buffer more than 16 KiB.
 */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * With a declared length within the limit (and no Transfer-Encoding), Node's HTTP parser delivers
 * exactly that many bytes, so the body is read in one go: @hono/node-server then reads the socket
 * stream directly instead of building a web Request and stream, the largest cost of an order.
 * Anything else streams through the counting reader. The length is checked again either way
 * (an in-process Request is not bound by its header).
 */
async function readBody(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (declaredLength(request) === undefined || request.headers.has('transfer-encoding')) return readLimited(request, limit);
  const bytes = new Uint8Array(await request.arrayBuffer());
  return bytes.byteLength > limit ? undefined : bytes;
}

/** The body as UTF-8 text, undefined when over the limit (a signed webhook must be checked on the exact bytes). */
export async function readTextBody(request: Request, limit: number): Promise<string | undefined> {
  if (declaresTooLarge(request, limit)) return undefined;
  const bytes = await readBody(request, limit);
  return bytes ? new TextDecoder('utf-8').decode(bytes) : undefined;
}

export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  if (declaresTooLarge(request, limit)) return { ok: false, reason: 'tooLarge' };
  const encoding = request.headers.get('content-encoding');
  if (!isJsonContentType(request.headers.get('content-type')) || (encoding !== null && encoding.toLowerCase() !== 'identity')) {
    return { ok: false, reason: 'unsupportedMediaType' };
  }
  const bytes = await readBody(request, limit);
  if (!bytes) return { ok: false, reason: 'tooLarge' };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, reason: 'invalidJson' };
  }
}

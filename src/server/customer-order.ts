// The customer's own order, found by id and bearer token: one constant-time comparison whatever happens, one 404 for all misses.
import type { OrderRecord, OrdersRepo } from './orders-repo';
import { bearerToken, looksLikeRandomToken, matchesHash, sha256Hex } from './secrets';

/** Compared against when no order was found, so an unknown id costs the same comparison as a wrong token. */
const ABSENT_TOKEN_HASH = sha256Hex('no such order');

/** The order when `authorization` carries its token; undefined for an unknown id, a missing or a wrong token alike. */
export async function findCustomerOrder(repo: Pick<OrdersRepo, 'findOrder'>, id: string, authorization: string | undefined): Promise<OrderRecord | undefined> {
  const token = bearerToken(authorization) ?? '';
  const order = looksLikeRandomToken(id) ? await repo.findOrder(id) : undefined;
  const tokenMatches = matchesHash(token, order?.tokenHash ?? ABSENT_TOKEN_HASH);
  return order && tokenMatches ? order : undefined;
}

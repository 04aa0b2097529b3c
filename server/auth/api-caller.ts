// Who is calling an /api/v1 route: a pipeline with a bearer token, or the
// dashboard with the signed-in user's session. Every /api/v1 route asks through
// requireApiCaller, naming the token scope it needs and the permission a
// session needs instead (lib/auth/token-scopes.ts, lib/auth/permissions.ts).
import { type Permission } from "@/lib/auth/permissions";
import { TOKEN_PATTERN, tokenAllows, type TokenScope } from "@/lib/auth/token-scopes";
import { databasePool, prisma } from "../db";
import { coalescedReader } from "../db/coalesced-read";
import { pgSql } from "../db/run-sql";
import { AppError } from "../errors";
import { hashToken } from "../tokens/api-tokens";
import { actorFromHeaders, authorize, type Actor } from "./actor";

export type ApiCaller =
  | { kind: "token"; tokenId: string; tokenName: string; scopes: string[]; /** as the audit log names it */ name: string }
  | { kind: "session"; actor: Actor; name: string };

// A busy pipeline calls many times a second; the last-used time needs minute precision, not a write per call.
const LAST_USED_PRECISION_MS = 60_000;

const BEARER = /^Bearer ([^\s]+)$/;

type TokenRow = { id: string; name: string; scopes: string[]; lastUsedAt: Date | null; revokedAt: Date | null; expiresAt: Date | null; tokenHash: string };

// every pipeline call passes here: concurrent calls share one read (each started after they asked), through plain `pg`
const readToken = coalescedReader(async (hashes: string[]) => {
  const rows = await pgSql(databasePool())<TokenRow>(
    `SELECT "id", "name", "scopes", "lastUsedAt", "revokedAt", "expiresAt", "tokenHash" FROM "ApiToken" WHERE "tokenHash" = ANY($1::text[])`,
    [hashes],
  );
  return new Map(rows.map((row) => [row.tokenHash, row]));
});

export async function requireApiCaller(request: Request, { scope, permission }: { scope: TokenScope; permission: Permission }): Promise<ApiCaller> {
  const authorization = request.headers.get("authorization");
  // a request that sends a token is judged by it alone, never by a cookie riding along
  if (authorization !== null) return tokenCaller(authorization, scope);
  const actor = await actorFromHeaders(request.headers);
  if (!actor) throw new AppError("UNAUTHORIZED", `send "Authorization: Bearer <token>" with a token that has the "${scope}" scope, or sign in`);
  authorize(actor, permission);
  return { kind: "session", actor, name: actor.email };
}

async function tokenCaller(authorization: string, scope: TokenScope): Promise<ApiCaller> {
  const secret = BEARER.exec(authorization.trim())?.[1];
  if (!secret) throw new AppError("UNAUTHORIZED", 'Authorization: expected "Bearer <token>"');
  if (!TOKEN_PATTERN.test(secret)) throw new AppError("UNAUTHORIZED", "Authorization: not a Zoneline API token (they start with zl_)");
  const token = await readToken(hashToken(secret));
  const now = new Date();
  // unknown, revoked and expired tokens get one answer, so a caller learns nothing about which secrets once existed
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) throw new AppError("UNAUTHORIZED", "Authorization: unknown, revoked or expired token");
  if (!tokenAllows(token.scopes, scope)) throw new AppError("FORBIDDEN", `token "${token.name}" lacks the "${scope}" scope (it has: ${token.scopes.join(", ") || "none"})`);
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    // conditional, so concurrent calls in the same minute write once
    await prisma().apiToken.updateMany({ where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_PRECISION_MS) } }] }, data: { lastUsedAt: now } });
  }
  return { kind: "token", tokenId: token.id, tokenName: token.name, scopes: token.scopes, name: `token:${token.name}` };
}


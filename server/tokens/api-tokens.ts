// API tokens (DESIGN.md "Roles and permissions"): admins create named tokens
// with scopes; the secret is shown once and only its sha256 is stored; a token
// can be revoked. Creation and revocation are audit entries in the same
// transaction as the change.
import crypto from "node:crypto";
import { z } from "zod";
import { TOKEN_PREFIX, TOKEN_SCOPES } from "@/lib/auth/token-scopes";
import { prisma } from "../db";
import { recordAuditEntry } from "../audit/record-audit-entry";
import { authorize, type Actor } from "../auth/actor";
import { AppError } from "../errors";

/** The CLI acts with the database's own rights, as `zoneline user add` does. */
export type TokenManager = Actor | { system: "cli" };

const managerName = (by: TokenManager) => ("system" in by ? by.system : by.email);
function mayManage(by: TokenManager): void {
  if (!("system" in by)) authorize(by, "admin.manage");
}

export const NewTokenInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "name: required")
    .max(80, "name: at most 80 characters")
    .regex(/^[^\p{Cc}]*$/u, "name: no control characters"),
  scopes: z
    .array(z.enum(TOKEN_SCOPES, { error: (issue) => `scopes: unknown scope "${String(issue.input)}" (${TOKEN_SCOPES.join(", ")})` }))
    .min(1, "scopes: give at least one scope")
    .transform((scopes) => [...new Set(scopes)].sort()),
  expiresAt: z.date().nullable().default(null),
});

export function hashToken(secret: string): string {
  return crypto.createHash("sha256").update(secret).digest("hex");
}

/** 32 random bytes: hashing once with sha256 suffices at that entropy (no password stretching needed). */
function newSecret(): string {
  return `${TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
}

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => (issue.message.includes(":") ? issue.message : `${issue.path.join(".") || "input"}: ${issue.message}`));
    throw new AppError("INVALID_REQUEST", details[0], details);
  }
  return parsed.data;
}

export interface CreatedToken {
  id: string;
  name: string;
  scopes: string[];
  /** shown once; never stored */
  secret: string;
}

export async function createApiToken(by: TokenManager, input: { name: string; scopes: readonly string[]; expiresAt?: Date | null }): Promise<CreatedToken> {
  mayManage(by);
  const token = parseOrThrow(NewTokenInput, input);
  const secret = newSecret();
  const id = crypto.randomUUID();
  await prisma().$transaction(async (tx) => {
    // names identify tokens on the Tokens page and in the audit log, so two live ones may not share one
    if (await tx.apiToken.findFirst({ where: { name: token.name, revokedAt: null }, select: { id: true } })) {
      throw new AppError("CONFLICT", `name: a token named "${token.name}" already exists; revoke it first or choose another name`);
    }
    await tx.apiToken.create({
      data: { id, name: token.name, scopes: token.scopes, tokenHash: hashToken(secret), prefix: secret.slice(0, TOKEN_PREFIX.length + 6), createdBy: managerName(by), userId: "system" in by ? null : by.id, expiresAt: token.expiresAt },
    });
    await recordAuditEntry(tx, { actor: managerName(by), action: "token.create", subject: `token:${id}`, payload: { name: token.name, scopes: token.scopes, expiresAt: token.expiresAt?.toISOString() ?? null } });
  });
  return { id, name: token.name, scopes: token.scopes, secret };
}

export async function revokeApiToken(by: TokenManager, tokenId: string): Promise<void> {
  mayManage(by);
  await prisma().$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: tokenId }, select: { id: true, name: true, scopes: true } });
    if (!token) throw new AppError("NOT_FOUND", `token: no token "${tokenId}"`);
    // conditional on still being live, so two revocations record one entry
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date(), revokedBy: managerName(by) } });
    if (count === 0) throw new AppError("CONFLICT", `token: "${token.name}" is already revoked`);
    await recordAuditEntry(tx, { actor: managerName(by), action: "token.revoke", subject: `token:${token.id}`, payload: { name: token.name, scopes: token.scopes } });
  });
}

export async function listApiTokens(by: Actor) {
  authorize(by, "admin.manage");
  return prisma().apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, scopes: true, prefix: true, createdBy: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true, revokedBy: true },
  });
}

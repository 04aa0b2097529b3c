// Managing API tokens: who may, what is refused, what the audit log records.
import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { requireApiCaller } from "@/server/auth/api-caller";
import type { Actor } from "@/server/auth/actor";
import { useTestDatabase } from "@/test/use-database";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens";

useTestDatabase("tokens");

async function person(email: string, roles: Actor["roles"]): Promise<Actor> {
  await prisma().user.create({ data: { id: email, email, name: email, roles } });
  return { id: email, email, name: email, roles };
}
const bearer = (secret: string) => new Request("http://zoneline.test/api/v1/graph", { headers: { authorization: `Bearer ${secret}` } });

describe("API tokens", () => {
  it("an admin creates one, named as its creator in the token and the audit entry; a reviewer may not", async () => {
    const admin = await person("ada@test.zoneline", ["admin"]);
    const reviewer = await person("rita@test.zoneline", ["privacy_reviewer"]);
    const created = await createApiToken(admin, { name: "airflow", scopes: ["ingest", "read", "ingest"] });
    expect(created.scopes).toEqual(["ingest", "read"]);
    expect(await listApiTokens(admin)).toEqual([expect.objectContaining({ name: "airflow", createdBy: "ada@test.zoneline", lastUsedAt: null, revokedAt: null })]);
    expect(await prisma().auditEntry.findFirstOrThrow({ where: { action: "token.create" } })).toMatchObject({ actor: "ada@test.zoneline", payload: { name: "airflow", scopes: ["ingest", "read"] } });
    await expect(createApiToken(reviewer, { name: "mine", scopes: ["read"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(revokeApiToken(reviewer, created.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it.each([
    ["an unknown scope", { name: "x", scopes: ["admin"] }, 'scopes: unknown scope "admin" (read, ingest, admission, world:write)'],
    ["no scope", { name: "x", scopes: [] }, "scopes: give at least one scope"],
    ["an empty name", { name: "  ", scopes: ["read"] }, "name: required"],
    ["a control character in the name", { name: "a\u0007b", scopes: ["read"] }, "name: no control characters"],
    ["a live token's name", { name: "airflow", scopes: ["read"] }, 'name: a token named "airflow" already exists; revoke it first or choose another name'],
  ])("%s is refused naming the field, and nothing is written", async (_, input, message) => {
    const before = { tokens: await prisma().apiToken.count(), audit: await prisma().auditEntry.count() };
    await expect(createApiToken({ system: "cli" }, input)).rejects.toMatchObject({ message });
    expect({ tokens: await prisma().apiToken.count(), audit: await prisma().auditEntry.count() }).toEqual(before);
  });

  it("revoking ends the token at once, is audited once, and frees its name", async () => {
    const token = await createApiToken({ system: "cli" }, { name: "short-lived", scopes: ["read"] });
    await requireApiCaller(bearer(token.secret), { scope: "read", permission: "read" });
    await revokeApiToken({ system: "cli" }, token.id);
    await expect(requireApiCaller(bearer(token.secret), { scope: "read", permission: "read" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(revokeApiToken({ system: "cli" }, token.id)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await prisma().auditEntry.count({ where: { action: "token.revoke", subject: `token:${token.id}` } })).toBe(1);
    await expect(createApiToken({ system: "cli" }, { name: "short-lived", scopes: ["read"] })).resolves.toMatchObject({ name: "short-lived" });
  });

  it("an expired token is refused like a revoked one", async () => {
    const token = await createApiToken({ system: "cli" }, { name: "expired", scopes: ["read"], expiresAt: new Date(Date.now() - 1000) });
    await expect(requireApiCaller(bearer(token.secret), { scope: "read", permission: "read" })).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "Authorization: unknown, revoked or expired token" });
  });

  it("last use is written at most once a minute, not on every call", async () => {
    const token = await createApiToken({ system: "cli" }, { name: "busy", scopes: ["read"] });
    await requireApiCaller(bearer(token.secret), { scope: "read", permission: "read" });
    const first = (await prisma().apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await requireApiCaller(bearer(token.secret), { scope: "read", permission: "read" });
    expect((await prisma().apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).toEqual(first);
    // a minute later (moved back in the database rather than waiting) the next call records again
    await prisma().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(first.getTime() - 61_000) } });
    await requireApiCaller(bearer(token.secret), { scope: "read", permission: "read" });
    expect((await prisma().apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt!.getTime()).toBeGreaterThanOrEqual(first.getTime());
  });
});

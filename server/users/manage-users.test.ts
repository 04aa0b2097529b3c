import { describe, expect, it } from "vitest";
import { getAuth } from "../auth/auth";
import { useTestDatabase } from "@/test/use-database";
import { AppError } from "../errors";
import { createUser, setUserDisabled, setUserRoles, resetUserPassword } from "./manage-users";

const db = useTestDatabase("users");
const admin = { id: "a", email: "admin@example.com", name: "Admin", roles: ["admin" as const] };
const engineer = { id: "e", email: "eng@example.com", name: "Eng", roles: ["engineer" as const] };

/** Through better-auth's HTTP handler, as the sign-in page's request arrives. */
async function signIn(email: string, password: string) {
  return getAuth().handler(
    new Request("http://zoneline.test/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://zoneline.test" },
      body: JSON.stringify({ email, password }),
    }),
  );
}

describe("users and roles", () => {
  it("an admin creates a user with several roles; the one-time password signs them in; the change is audited", async () => {
    const created = await createUser(admin, { email: "Rita@Example.com ", name: "Rita", roles: ["privacy_reviewer", "legal"] });
    expect(created.email).toBe("rita@example.com");
    expect(created.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect((await signIn("rita@example.com", created.password)).status).toBe(200);
    const row = await db.prisma().user.findUniqueOrThrow({ where: { email: "rita@example.com" } });
    expect(row.roles).toEqual(["privacy_reviewer", "legal"]);
    const entry = await db.prisma().auditEntry.findFirstOrThrow({ where: { action: "user.create" } });
    expect(entry).toMatchObject({ actor: "admin@example.com", subject: "user:rita@example.com" });
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await db.prisma().user.count();
    const attempt = (input: { email: string; name: string; roles: string[] }) => createUser(admin, input).then(() => null, (e: AppError) => e.details.join("; "));
    expect(await attempt({ email: "not-an-email", name: "x", roles: [] })).toMatch(/^email: /);
    expect(await attempt({ email: "a@b.co", name: " ", roles: [] })).toMatch(/^name: /);
    expect(await attempt({ email: "a@b.co", name: "A", roles: ["superuser"] })).toMatch(/^roles: unknown role "superuser"/);
    await expect(createUser(admin, { email: "rita@example.com", name: "Again", roles: [] })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.prisma().user.count()).toBe(before);
  });

  it("only admins manage users", async () => {
    await expect(createUser(engineer, { email: "x@example.com", name: "X", roles: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("the last active admin keeps the role", async () => {
    const only = await createUser({ system: "cli" }, { email: "only.admin@example.com", name: "Only", roles: ["admin"] });
    await expect(setUserRoles(admin, only.id, ["engineer"])).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(setUserDisabled(admin, only.id, true)).rejects.toMatchObject({ code: "CONFLICT" });
    const second = await createUser(admin, { email: "second.admin@example.com", name: "Second", roles: ["admin"] });
    await setUserRoles(admin, only.id, ["engineer"]);
    expect((await db.prisma().user.findUniqueOrThrow({ where: { id: only.id } })).roles).toEqual(["engineer"]);
    expect(second.id).toBeTruthy();
  });

  it("disabling a user ends their sessions and refuses their sign-in; a reset password replaces the old one", async () => {
    const user = await createUser(admin, { email: "leaver@example.com", name: "Leaver", roles: ["engineer"] }, { password: "first-password-1" });
    expect((await signIn(user.email, "first-password-1")).status).toBe(200);
    expect(await db.prisma().session.count({ where: { userId: user.id } })).toBe(1);
    await setUserDisabled(admin, user.id, true);
    expect(await db.prisma().session.count({ where: { userId: user.id } })).toBe(0);
    expect((await signIn(user.email, "first-password-1")).status).toBe(403);
    await setUserDisabled(admin, user.id, false);
    const { password } = await resetUserPassword(admin, user.id);
    expect((await signIn(user.email, "first-password-1")).status).toBe(401);
    expect((await signIn(user.email, password)).status).toBe(200);
    const actions = (await db.prisma().auditEntry.findMany({ where: { subject: "user:leaver@example.com" }, orderBy: { sequence: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["user.create", "user.disable", "auth.sign_in_failed", "user.enable", "user.password_reset", "auth.sign_in_failed"]);
  });

  it("failed sign-ins are audited, and an account is locked after five within fifteen minutes", async () => {
    const user = await createUser(admin, { email: "target@example.com", name: "Target", roles: ["engineer"] }, { password: "right-password-1" });
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, "wrong-password")).status).toBe(401);
    const locked = await signIn(user.email, "right-password-1");
    expect(locked.status).toBe(429);
    expect(await locked.text()).toMatch(/Too many failed sign-ins/);
    const entries = await db.prisma().auditEntry.findMany({ where: { action: "auth.sign_in_failed", subject: "user:target@example.com" } });
    expect(entries.map((e) => (e.payload as { reason: string }).reason)).toEqual(["credentials", "credentials", "credentials", "credentials", "credentials", "locked"]);
  });
});

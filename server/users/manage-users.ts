// Users and their roles (DESIGN.md: admins manage users and roles). Each
// change is one audit entry in the same transaction, naming the admin.
import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { prisma } from "../db";
import { recordAuditEntry } from "../audit/record-audit-entry";
import { authorize, type Actor } from "../auth/actor";
import { AppError } from "../errors";

/** The CLI runs with the database's own rights (it creates the first admin), so it acts as itself. */
export type UserManager = Actor | { system: "cli" };

const actorName = (by: UserManager) => ("system" in by ? by.system : by.email);
function mayManage(by: UserManager): void {
  if (!("system" in by)) authorize(by, "admin.manage");
}

export const NewUserInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("email: not an email address")).pipe(z.string().max(254, "email: at most 254 characters")),
  name: z.string().trim().min(1, "name: required").max(120, "name: at most 120 characters"),
  roles: z.array(z.enum(ROLES, { error: (issue) => `roles: unknown role "${String(issue.input)}" (${ROLES.join(", ")})` })).max(ROLES.length),
});

/** A password shown once: 20 characters from a 57-letter alphabet without look-alikes (~117 bits). */
export function oneTimePassword(): string {
  const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return Array.from(crypto.randomBytes(20), (byte) => alphabet[byte % alphabet.length]).join("");
}

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => (issue.message.includes(":") ? issue.message : `${issue.path.join(".") || "input"}: ${issue.message}`));
    throw new AppError("INVALID_REQUEST", details[0], details);
  }
  return parsed.data;
}

export async function createUser(by: UserManager, input: { email: string; name: string; roles: readonly string[] }, { password }: { password?: string } = {}): Promise<{ id: string; email: string; password: string }> {
  mayManage(by);
  const user = parseOrThrow(NewUserInput, input);
  const secret = password ?? oneTimePassword();
  const hash = await hashPassword(secret);
  const id = crypto.randomUUID();
  await prisma().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: user.email }, select: { id: true } })) {
      throw new AppError("CONFLICT", `email: a user with "${user.email}" already exists`);
    }
    await tx.user.create({ data: { id, email: user.email, name: user.name, roles: user.roles, emailVerified: true } });
    await tx.account.create({ data: { id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash } });
    await recordAuditEntry(tx, { actor: actorName(by), action: "user.create", subject: `user:${user.email}`, payload: { email: user.email, name: user.name, roles: user.roles } });
  });
  return { id, email: user.email, password: secret };
}

async function changeUser(by: UserManager, userId: string, change: (tx: Parameters<Parameters<ReturnType<typeof prisma>["$transaction"]>[0]>[0], user: { id: string; email: string; roles: Role[]; disabledAt: Date | null }) => Promise<{ action: string; payload: Record<string, unknown> }>) {
  mayManage(by);
  return prisma().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, roles: true, disabledAt: true } });
    if (!user) throw new AppError("NOT_FOUND", `user: no user "${userId}"`);
    const { action, payload } = await change(tx, { ...user, roles: user.roles as Role[] });
    await recordAuditEntry(tx, { actor: actorName(by), action, subject: `user:${user.email}`, payload: { email: user.email, ...payload } });
  });
}

/** Someone must remain able to manage users: the last active admin keeps the role. */
async function refuseLosingLastAdmin(tx: Parameters<Parameters<ReturnType<typeof prisma>["$transaction"]>[0]>[0], userId: string) {
  const admins = await tx.user.count({ where: { roles: { has: "admin" }, disabledAt: null, id: { not: userId } } });
  if (admins === 0) throw new AppError("CONFLICT", "roles: this is the last active admin; make someone else admin first");
}

export async function setUserRoles(by: UserManager, userId: string, roles: string[]): Promise<void> {
  const parsed = parseOrThrow(NewUserInput.shape.roles, roles);
  await changeUser(by, userId, async (tx, user) => {
    if (user.roles.includes("admin") && !parsed.includes("admin")) await refuseLosingLastAdmin(tx, user.id);
    await tx.user.update({ where: { id: user.id }, data: { roles: parsed } });
    return { action: "user.roles", payload: { from: user.roles, to: parsed } };
  });
}

export async function setUserDisabled(by: UserManager, userId: string, disabled: boolean): Promise<void> {
  await changeUser(by, userId, async (tx, user) => {
    if (disabled && user.roles.includes("admin")) await refuseLosingLastAdmin(tx, user.id);
    await tx.user.update({ where: { id: user.id }, data: { disabledAt: disabled ? new Date() : null } });
    // sessions are rows: deleting them signs the user out everywhere at once
    if (disabled) await tx.session.deleteMany({ where: { userId: user.id } });
    return { action: disabled ? "user.disable" : "user.enable", payload: {} };
  });
}

export async function resetUserPassword(by: UserManager, userId: string): Promise<{ password: string }> {
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  await changeUser(by, userId, async (tx, user) => {
    const updated = await tx.account.updateMany({ where: { userId: user.id, providerId: "credential" }, data: { password: hash } });
    if (updated.count === 0) await tx.account.create({ data: { id: crypto.randomUUID(), accountId: user.id, providerId: "credential", userId: user.id, password: hash } });
    await tx.session.deleteMany({ where: { userId: user.id } });
    return { action: "user.password_reset", payload: {} };
  });
  return { password };
}

export async function listUsers(by: Actor) {
  authorize(by, "admin.manage");
  return prisma().user.findMany({
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true, roles: true, disabledAt: true, createdAt: true, accounts: { select: { providerId: true } }, sessions: { select: { updatedAt: true }, orderBy: { updatedAt: "desc" }, take: 1 } },
  });
}

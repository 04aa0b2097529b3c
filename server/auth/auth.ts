// Sign-in (better-auth): email and password (scrypt), sessions stored in
// Postgres (so signing out, or an admin removing a user, ends them), and an
// OIDC provider when the environment names one. Zoneline's own rules sit in
// its hooks: no self sign-up, a per-account lockout after repeated failures
// across every app process, every failure audited, disabled users refused.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { isRole, type Role } from "@/lib/auth/permissions";
import { prisma } from "../db";
import { DEFAULT_DATA_DIR } from "../db/embedded";
import { recordSignInFailure, signInLockout } from "./sign-in-failures";

export const OIDC_PROVIDER_ID = "oidc";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  defaultRoles: Role[];
}

/** The OIDC provider from ZONELINE_OIDC_* variables, or null when none is configured. */
export function oidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
  const issuer = env.ZONELINE_OIDC_ISSUER?.trim();
  const clientId = env.ZONELINE_OIDC_CLIENT_ID?.trim();
  if (!issuer || !clientId) return null;
  const defaultRoles = (env.ZONELINE_OIDC_DEFAULT_ROLES ?? "engineer")
    .split(",")
    .map((role) => role.trim())
    .filter(isRole);
  return { issuer: issuer.replace(/\/+$/, ""), clientId, clientSecret: env.ZONELINE_OIDC_CLIENT_SECRET ?? "", name: env.ZONELINE_OIDC_NAME || "single sign-on", defaultRoles };
}

/**
 * BETTER_AUTH_SECRET signs session cookies. Without it (trying Zoneline on one
 * machine) a secret is generated once into the data folder; replicas must
 * share one, so a deployment sets the variable.
 */
function authSecret(): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = path.join(path.dirname(DEFAULT_DATA_DIR), "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim(); // another process wrote it first
    }
  }
}

function clientAddress(headers: Headers | undefined): string | null {
  return headers?.get("x-forwarded-for")?.split(",")[0]?.trim() || headers?.get("x-real-ip") || null;
}

function createAuth() {
  const oidc = oidcSettings();
  return betterAuth({
    appName: "Zoneline",
    baseURL: process.env.ZONELINE_URL || undefined,
    // Same-origin requests are trusted whatever name the browser used for this server (localhost,
    // 127.0.0.1, a LAN name): a cross-site page cannot make the browser send another site's Host with its
    // own Origin. Behind a proxy that rewrites Host, ZONELINE_URL names the public origin.
    trustedOrigins: (request) => {
      const host = request?.headers.get("host");
      const protocol = request ? new URL(request.url).protocol : "http:";
      return [process.env.ZONELINE_URL, host ? `${protocol}//${host}` : undefined];
    },
    secret: authSecret(),
    database: prismaAdapter(prisma(), { provider: "postgresql" }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    user: { additionalFields: { roles: { type: "string[]", required: false, input: false } } },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // per address and process; the per-account lockout below holds across processes
    rateLimit: { enabled: true, window: 60, max: 300, customRules: { "/sign-in/email": { window: 60, max: 20 } } },
    advanced: { ipAddress: { ipAddressHeaders: ["x-forwarded-for", "x-real-ip"] } },
    databaseHooks: {
      user: {
        create: {
          // a user that signs in through OIDC for the first time gets the configured roles
          before: async (user) => ({ data: { ...user, roles: oidc?.defaultRoles ?? [] } }),
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const email = String((ctx.body as { email?: unknown } | undefined)?.email ?? "").toLowerCase();
        const ip = clientAddress(ctx.request?.headers ?? (ctx.headers as Headers | undefined));
        const lockedFor = await signInLockout(email);
        if (lockedFor > 0) {
          await recordSignInFailure({ email, ip, reason: "locked" });
          throw new APIError("TOO_MANY_REQUESTS", { message: `Too many failed sign-ins for this account. Try again in ${Math.ceil(lockedFor / 60_000)} minutes.` });
        }
        const user = email ? await prisma().user.findUnique({ where: { email }, select: { disabledAt: true } }) : null;
        if (user?.disabledAt) {
          await recordSignInFailure({ email, ip, reason: "disabled" });
          throw new APIError("FORBIDDEN", { message: "This account is disabled. Ask an admin." });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const returned = ctx.context.returned;
        if (!(returned instanceof APIError)) return;
        const email = String((ctx.body as { email?: unknown } | undefined)?.email ?? "").toLowerCase();
        await recordSignInFailure({ email, ip: clientAddress(ctx.request?.headers ?? (ctx.headers as Headers | undefined)), reason: "credentials" });
      }),
    },
    plugins: [
      ...(oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: OIDC_PROVIDER_ID,
                  discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
                  clientId: oidc.clientId,
                  clientSecret: oidc.clientSecret,
                  ...(oidc.clientSecret ? { tokenEndpointAuth: { method: "client_secret_basic" as const } } : {}),
                  scopes: ["openid", "email", "profile"],
                  pkce: true,
                },
              ],
            }),
          ]
        : []),
      nextCookies(), // must stay last: lets server actions set the session cookie
    ],
  });
}

export type ZonelineAuth = ReturnType<typeof createAuth>;

const memo = globalThis as unknown as { zonelineAuth?: { key: string; auth: ZonelineAuth } };

/** The process's auth instance, created on first use (it needs the database). */
export function getAuth(): ZonelineAuth {
  const key = `${process.env.DATABASE_URL ?? ""}|${process.env.ZONELINE_OIDC_ISSUER ?? ""}`;
  if (memo.zonelineAuth?.key !== key) memo.zonelineAuth = { key, auth: createAuth() };
  return memo.zonelineAuth.auth;
}

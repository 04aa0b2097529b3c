// DESIGN.md "Roles and permissions": API tokens carry scopes instead of roles.
// This is the one table of what each scope allows, beside the permission table
// for people; every /api/v1 route names the scope it needs and the permission a
// signed-in session needs instead (server/auth/api-caller.ts).
export const TOKEN_SCOPES = ["read", "ingest", "admission", "world:write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const TOKEN_SCOPE_DESCRIPTIONS: Record<TokenScope, string> = {
  read: "read the graph, violations, the world file and audit exports",
  ingest: "post OpenLineage events and SQL lineage",
  admission: "ask whether a job may start (the admission API)",
  "world:write": "import a world file",
};

/** What a secret looks like: a recognisable prefix (secret scanners match it) and 32 random bytes, base64url. */
export const TOKEN_PREFIX = "zl_";
export const TOKEN_PATTERN = /^zl_[A-Za-z0-9_-]{43}$/;

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

export function tokenAllows(scopes: readonly string[], scope: TokenScope): boolean {
  return scopes.includes(scope);
}

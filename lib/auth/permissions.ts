// DESIGN.md "Roles and permissions", as data: the one table every check reads.
// The server enforces it (every page, server action and route handler asks
// `can` through the data layer); the UI only uses it to hide what a role
// cannot do. Admin is not a reviewer unless also given that role (separation
// of duties), and nobody reviews their own request, whatever roles they hold
// (that rule needs the request, so the path use cases check it).

export const ROLES = ["engineer", "privacy_reviewer", "legal", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  engineer: "Engineer",
  privacy_reviewer: "Privacy reviewer",
  legal: "Legal",
  admin: "Admin",
};

export const PERMISSIONS = {
  /** read every page, the graph, the read API */
  read: ["engineer", "privacy_reviewer", "legal", "admin"],
  /** request a sanctioned path; withdraw one's own pending request */
  "path.request": ["engineer", "privacy_reviewer"],
  /** approve or reject a pending path (not one's own); revoke an approved one */
  "path.decide": ["privacy_reviewer"],
  "edge.review": ["privacy_reviewer"],
  /** accept or dismiss label suggestions (an accepted one becomes a declared label): the reviewers who mark edges reviewed */
  "labels.review": ["privacy_reviewer"],
  /** create and edit zones, their rules, purposes and mode */
  "zone.edit": ["privacy_reviewer"],
  /** re-run evaluation, import a world */
  "world.evaluate": ["privacy_reviewer", "admin"],
  /** export evidence (PDF, bundle), RoPA, erasure impact */
  "evidence.export": ["privacy_reviewer", "legal"],
  /** manage users, roles, API tokens, settings */
  "admin.manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

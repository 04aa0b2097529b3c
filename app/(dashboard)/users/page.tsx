import type { Metadata } from "next";
import { Card, ErrorState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { AddUserForm, UserRow } from "@/components/users/user-forms";
import { can, type Role } from "@/lib/auth/permissions";
import { listUsers } from "@/server/users/manage-users";
import { pageActor } from "@/app/_lib/session";
import { addUser, resetPassword, saveUserRoles, setUserActive } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await pageActor();
  if (!can(actor.roles, "admin.manage")) {
    return (
      <PageBody>
        <ErrorState title="Only admins manage users" message="Your roles do not include admin." />
      </PageBody>
    );
  }
  const users = await listUsers(actor);
  return (
    <PageBody>
      <PageHeader title="Users" description="Who may sign in, and with which roles. A user may hold several roles; an admin is not a reviewer unless also given that role." />
      <Card title="Add a user" className="mb-6">
        <AddUserForm action={addUser} />
      </Card>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className={tableClass}>
          <thead className="bg-slate-50">
            <tr>
              <th className={thClass}>User</th>
              <th className={thClass}>Sign-in</th>
              <th className={thClass}>Roles and access</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((user) => (
              <tr key={user.id} className={user.disabledAt ? "bg-slate-50 text-slate-500" : undefined}>
                <td className={tdClass}>
                  <div className="font-medium text-ink">{user.name}</div>
                  <div className="text-xs text-slate-600">{user.email}</div>
                  {user.disabledAt ? <div className="mt-1 text-xs font-medium text-rose-700">disabled</div> : null}
                </td>
                <td className={`${tdClass} text-xs text-slate-600`}>
                  {[...new Set(user.accounts.map((a) => (a.providerId === "credential" ? "password" : a.providerId)))].join(", ") || "none"}
                  <div>last active {user.sessions[0] ? user.sessions[0].updatedAt.toISOString().slice(0, 16).replace("T", " ") : "never"}</div>
                </td>
                <td className={tdClass}>
                  <UserRow user={{ id: user.id, email: user.email, roles: user.roles as Role[], disabled: user.disabledAt !== null }} actions={{ saveRoles: saveUserRoles, setActive: setUserActive, resetPassword }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PageBody>
  );
}

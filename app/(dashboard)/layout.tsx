import Link from "next/link";
import { Database } from "lucide-react";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { SignedInUser } from "@/components/shell/signed-in-user";
import { pageActor } from "@/app/_lib/session";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { FirstRunHint } from "@/components/ui/first-run-hint";
import { ErrorState } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { checkDatabase } from "@/server/health/check-database";
import { isWorldEmpty } from "@/server/world/is-world-empty";

// Every page here reads the database, so render at request time (and never at build time).
export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const database = await checkDatabase();
  const actor = database.ok ? await pageActor() : null;
  if (!database.ok) console.error("[zoneline] the dashboard cannot reach its database:", database.detail);
  // when the check itself fails, no hint: the page's own queries report the problem
  const worldIsEmpty = database.ok && (await isWorldEmpty().catch(() => false));
  return (
    <div className="flex h-screen min-h-0">
      <aside className="flex w-56 shrink-0 flex-col bg-slate-900 px-3 py-4">
        <Link href="/graph" className="mb-6 flex items-center gap-2 px-2">
          <svg viewBox="0 0 32 32" className="size-7" aria-hidden>
            <rect width="32" height="32" rx="7" fill="#2552e0" />
            <rect x="6" y="6" width="12" height="12" rx="3" fill="#93c5fd" />
            <rect x="14" y="14" width="12" height="12" rx="3" fill="#fff" fillOpacity=".85" />
          </svg>
          <span className="text-base font-semibold tracking-tight text-white">Zoneline</span>
        </Link>
        <SidebarNav admin={actor ? can(actor.roles, "admin.manage") : false} />
        <div className="mt-auto px-2 text-[11px] leading-4 text-sidebar-muted">
          {actor ? <SignedInUser name={actor.name} email={actor.email} roles={actor.roles.map((role) => ROLE_LABELS[role]).join(", ") || "no role"} /> : null}
          <div className="flex items-center gap-1.5">
            <Database className="size-3.5" aria-hidden />
            {database.ok ? (database.embedded ? "Embedded Postgres" : "PostgreSQL") : "Database offline"}
            <span className={`ml-auto size-2 rounded-full ${database.ok ? "bg-emerald-400" : "bg-rose-500"}`} aria-hidden />
          </div>
          <div className="mt-1 text-sidebar-muted">Taxonomy: fideslang (CC BY 4.0)</div>
        </div>
      </aside>
      <main className="min-w-0 flex-1 overflow-auto">
        {database.ok && worldIsEmpty ? (
          <div className="flex h-full min-h-0 flex-col">
            <FirstRunHint />
            <div className="min-h-0 flex-1 overflow-auto">{children}</div>
          </div>
        ) : database.ok ? (
          children
        ) : (
          <PageBody>
            <ErrorState title="Zoneline cannot reach its database" message={database.message} />
            <p className="mt-3 text-sm text-slate-600">
              Check DATABASE_URL, or start Zoneline with <code className="rounded bg-slate-100 px-1">npm start</code>, which runs the embedded database. Status:{" "}
              <a className="text-brand-600 underline" href="/api/health">
                /api/health
              </a>
              .
            </p>
          </PageBody>
        )}
      </main>
    </div>
  );
}

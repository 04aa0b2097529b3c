"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Boxes, ClipboardCheck, Eraser, FileSpreadsheet, GitBranch, History, KeyRound, ListChecks, Route, Settings, ShieldAlert, Shapes, Tags, Users } from "lucide-react";

const NAV = [
  { href: "/graph", label: "Graph", icon: GitBranch },
  { href: "/zones", label: "Zones", icon: Shapes },
  { href: "/assets", label: "Assets", icon: Boxes },
  { href: "/paths", label: "Sanctioned paths", icon: Route },
  { href: "/violations", label: "Violations", icon: ShieldAlert },
  { href: "/changes", label: "Changes", icon: History },
  { href: "/edges", label: "Edge review", icon: ListChecks },
  { href: "/labels", label: "Label suggestions", icon: Tags },
  { href: "/audit", label: "Audit", icon: ClipboardCheck },
  { href: "/ropa", label: "Record of processing", icon: FileSpreadsheet },
  { href: "/erasure", label: "Erasure impact", icon: Eraser },
  { href: "/settings", label: "Settings", icon: Settings },
];
const ADMIN_NAV = [
  { href: "/users", label: "Users", icon: Users },
  { href: "/tokens", label: "API tokens", icon: KeyRound },
];

/** `admin`: the caller may manage users and API tokens (the server checks again on every admin page and action). */
export function SidebarNav({ admin = false }: { admin?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {[...NAV, ...(admin ? ADMIN_NAV : [])].map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors ${
              active ? "bg-white/10 text-white" : "text-slate-300 hover:bg-white/5 hover:text-white"
            }`}
          >
            <Icon className="size-4 shrink-0" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { createAuthClient } from "better-auth/react";
import { LogOut } from "lucide-react";

const authClient = createAuthClient();

export function SignedInUser({ name, email, roles }: { name: string; email: string; roles: string }) {
  const router = useRouter();
  return (
    <div className="mb-3 rounded-md bg-white/5 px-2.5 py-2 text-xs text-slate-300">
      <div className="truncate font-medium text-white" title={email}>
        {name}
      </div>
      <div className="truncate text-sidebar-muted">{roles}</div>
      <button
        type="button"
        onClick={async () => {
          await authClient.signOut();
          router.replace("/sign-in");
          router.refresh();
        }}
        className="mt-1.5 inline-flex items-center gap-1 text-slate-300 hover:text-white"
      >
        <LogOut className="size-3.5" aria-hidden /> Sign out
      </button>
    </div>
  );
}

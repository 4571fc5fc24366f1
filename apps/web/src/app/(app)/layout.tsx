import { listMemberships } from "@assay/services";
import type { ReactNode } from "react";
import { AppNav } from "@/components/shell/app-nav";
import { OrgSwitcher } from "@/components/shell/org-switcher";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { pageContext } from "@/lib/context";
import { prisma } from "@assay/db";
import { ROLE_LABELS } from "@assay/core";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const ctx = await pageContext();
  const [memberships, user] = await Promise.all([
    listMemberships(ctx.userId),
    prisma.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { name: true, email: true } }),
  ]);
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">Skip to content</a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-2">
          <a href="/" className="text-lg font-bold tracking-tight text-brand-900">Assay</a>
          <AppNav roles={[...ctx.roles]} />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <OrgSwitcher currentOrgId={ctx.orgId} memberships={memberships.map((m) => ({ orgId: m.orgId, orgName: m.orgName }))} />
            <span className="hidden text-slate-600 md:inline" title={user.email}>
              {user.name} · <span className="text-slate-500">{ctx.roles.map((r) => ROLE_LABELS[r]).join(", ")}</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}

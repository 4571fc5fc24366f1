"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "@assay/core";
import { cx } from "@/components/ui";
import { NotificationsLink } from "./notifications-link";

const LINKS: Array<{ href: string; label: string; roles?: Role[] }> = [
  { href: "/", label: "Portfolio" },
  { href: "/readiness", label: "Release readiness" },
  { href: "/systems", label: "Systems" },
  { href: "/risks", label: "Risks" },
  { href: "/reviews", label: "Reviews" },
  { href: "/exceptions", label: "Exceptions" },
  { href: "/monitors", label: "Monitoring" },
  { href: "/safety", label: "Safety" },
  { href: "/incidents", label: "Incidents" },
  { href: "/audit", label: "Audit trail" },
  { href: "/settings/members", label: "Members" },
  { href: "/settings/tiers", label: "Risk tiers" },
];

export function AppNav({ roles }: { roles: Role[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-1 text-sm">
      {LINKS.filter((l) => !l.roles || l.roles.some((r) => roles.includes(r))).map((link) => {
        const active = link.href === "/" ? pathname === "/" : pathname.startsWith(link.href);
        return (
          <Link key={link.href} href={link.href} aria-current={active ? "page" : undefined}
            className={cx("rounded-md px-2.5 py-1.5", active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900")}>
            {link.label}
          </Link>
        );
      })}
      <NotificationsLink />
    </nav>
  );
}

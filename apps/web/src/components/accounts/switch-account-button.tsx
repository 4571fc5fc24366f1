"use client";

import { signOut } from "next-auth/react";
import { Button } from "@/components/ui";

/** Signs out, then returns to sign-in with a way back to where the user was. */
export function SwitchAccountButton({ returnTo, children }: { returnTo: string; children: string }) {
  return (
    <Button variant="secondary" className="w-full" onClick={() => signOut({ callbackUrl: `/signin?callbackUrl=${encodeURIComponent(returnTo)}` })}>
      {children}
    </Button>
  );
}

"use client";

import { ROLE_LABELS } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge, Button, EmptyState, ErrorMessage, Table, Td, Th, formatDay } from "@/components/ui";
import { api } from "@/lib/client-api";
import type { PendingInvitation } from "./types";

export function PendingInvitations({ invitations }: { invitations: PendingInvitation[] }) {
  if (invitations.length === 0) return <EmptyState title="No pending invitations" />;
  return (
    <Table caption="Pending invitations">
      <thead>
        <tr>
          <Th>Email</Th>
          <Th>Roles</Th>
          <Th>Sent</Th>
          <Th>Expires</Th>
          <Th><span className="sr-only">Actions</span></Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {invitations.map((inv) => <InvitationRow key={inv.id} invitation={inv} />)}
      </tbody>
    </Table>
  );
}

function InvitationRow({ invitation }: { invitation: PendingInvitation }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => api(`/api/v1/invitations/${invitation.id}`, { method: "DELETE" }),
    onSuccess: () => router.refresh(),
  });
  return (
    <tr>
      <Td>{invitation.email}</Td>
      <Td><div className="flex flex-wrap gap-1">{invitation.roles.map((r) => <Badge key={r}>{ROLE_LABELS[r]}</Badge>)}</div></Td>
      <Td className="whitespace-nowrap">{formatDay(invitation.createdAt)}</Td>
      <Td className="whitespace-nowrap">{formatDay(invitation.expiresAt)}</Td>
      <Td className="whitespace-nowrap text-right">
        {confirming ? (
          <div className="flex justify-end gap-2" role="group" aria-label={`Confirm revoking the invitation for ${invitation.email}`}>
            <Button variant="danger" onClick={() => revoke.mutate()} disabled={revoke.isPending}>{revoke.isPending ? "Revoking…" : "Yes, revoke"}</Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={revoke.isPending}>Keep</Button>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)} aria-label={`Revoke the invitation for ${invitation.email}`}>Revoke</Button>
        )}
        {revoke.error && <div className="mt-2"><ErrorMessage>{revoke.error.message}</ErrorMessage></div>}
      </Td>
    </tr>
  );
}

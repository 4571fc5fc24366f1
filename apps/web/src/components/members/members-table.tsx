"use client";

import { ROLE_LABELS, type Role } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge, Button, ErrorMessage, Table, Td, Th, formatDay } from "@/components/ui";
import { api } from "@/lib/client-api";
import { RoleCheckboxes } from "./role-checkboxes";
import type { MemberRow } from "./types";

/** Members of the organisation; admins edit roles and remove members in place. */
export function MembersTable({ members, canManage, currentUserId }: { members: MemberRow[]; canManage: boolean; currentUserId: string }) {
  return (
    <Table caption="Members of this organisation">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Email</Th>
          <Th>Roles</Th>
          <Th>Joined</Th>
          {canManage && <Th><span className="sr-only">Actions</span></Th>}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {members.map((m) => (
          <MemberRowView key={m.membershipId} member={m} canManage={canManage} isSelf={m.userId === currentUserId} />
        ))}
      </tbody>
    </Table>
  );
}

const sameRoles = (a: Role[], b: Role[]) => a.length === b.length && a.every((r) => b.includes(r));

function MemberRowView({ member, canManage, isSelf }: { member: MemberRow; canManage: boolean; isSelf: boolean }) {
  const router = useRouter();
  const [roles, setRoles] = useState<Role[]>(member.roles);
  const [confirming, setConfirming] = useState(false);
  const dirty = !sameRoles(roles, member.roles);

  const save = useMutation({
    mutationFn: () => api(`/api/v1/members/${member.membershipId}`, { method: "PATCH", body: { roles } }),
    onSuccess: () => router.refresh(),
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/v1/members/${member.membershipId}`, { method: "DELETE" }),
    onSuccess: () => {
      setConfirming(false);
      router.refresh();
    },
  });
  const error = save.error ?? remove.error;

  return (
    <tr>
      <Td className="font-medium">
        {member.name}
        {isSelf && <span className="ml-1.5"><Badge tone="info">You</Badge></span>}
      </Td>
      <Td>{member.email}</Td>
      <Td>
        {canManage ? (
          <div className="space-y-2">
            <RoleCheckboxes legend={`Roles of ${member.name}`} legendHidden idPrefix={`member-${member.membershipId}`} value={roles}
              onChange={(next) => { save.reset(); setRoles(next); }} disabled={save.isPending} />
            {dirty && (
              <div className="flex gap-2">
                <Button onClick={() => save.mutate()} disabled={save.isPending || roles.length === 0}>
                  {save.isPending ? "Saving…" : "Save roles"}
                </Button>
                <Button variant="secondary" onClick={() => { setRoles(member.roles); save.reset(); }} disabled={save.isPending}>Cancel</Button>
              </div>
            )}
            {dirty && roles.length === 0 && <p className="text-xs text-red-700">A member needs at least one role.</p>}
          </div>
        ) : (
          <div className="flex flex-wrap gap-1">{member.roles.map((r) => <Badge key={r}>{ROLE_LABELS[r]}</Badge>)}</div>
        )}
        {error && <div className="mt-2"><ErrorMessage>{error.message}</ErrorMessage></div>}
      </Td>
      <Td className="whitespace-nowrap">{formatDay(member.joinedAt)}</Td>
      {canManage && (
        <Td className="whitespace-nowrap text-right">
          {confirming ? (
            <div className="flex flex-col items-end gap-2" role="group" aria-label={`Confirm removing ${member.name}`}>
              <p className="text-sm text-slate-700">Remove {isSelf ? "yourself" : member.name} from this organisation?</p>
              <div className="flex gap-2">
                <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
                  {remove.isPending ? "Removing…" : "Yes, remove"}
                </Button>
                <Button variant="secondary" onClick={() => { setConfirming(false); remove.reset(); }} disabled={remove.isPending}>Keep</Button>
              </div>
            </div>
          ) : (
            <Button variant="secondary" onClick={() => setConfirming(true)} aria-label={`Remove ${member.name}`}>Remove</Button>
          )}
        </Td>
      )}
    </tr>
  );
}

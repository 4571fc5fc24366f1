import { can } from "@assay/core";
import { listInvitations, listMembers } from "@assay/services";
import { InviteForm } from "@/components/members/invite-form";
import { MembersTable } from "@/components/members/members-table";
import { PendingInvitations } from "@/components/members/pending-invitations";
import { Card, PageHeader } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Members" };

export default async function MembersPage() {
  const ctx = await pageContext();
  const canManage = can(ctx.roles, "org.manage");
  const [members, invitations] = await Promise.all([listMembers(ctx), canManage ? listInvitations(ctx) : Promise.resolve([])]);

  return (
    <>
      <PageHeader
        title="Members"
        description={canManage
          ? "Who belongs to this organisation and what each person may do. Every change is recorded in the audit trail."
          : "Who belongs to this organisation and what each person may do. Only admins change members and roles."}
      />
      <div className="space-y-6">
        <MembersTable
          canManage={canManage}
          currentUserId={ctx.userId}
          members={members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }))}
        />
        {canManage && (
          <div className="grid gap-6 lg:grid-cols-2">
            <Card title="Invite a member">
              <InviteForm />
            </Card>
            <Card title="Pending invitations">
              <PendingInvitations
                invitations={invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() }))}
              />
            </Card>
          </div>
        )}
      </div>
    </>
  );
}

import { ROLE_LABELS } from "@assay/core";
import { prisma } from "@assay/db";
import { describeInvitation } from "@assay/services";
import Link from "next/link";
import { AcceptInvitationButton } from "@/components/accounts/accept-invitation-button";
import { AuthCard } from "@/components/accounts/auth-card";
import { SignUpForm } from "@/components/accounts/signup-form";
import { SwitchAccountButton } from "@/components/accounts/switch-account-button";
import { ButtonLink } from "@/components/ui";
import { currentUserId } from "@/lib/context";

export const metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await describeInvitation(token);
  if (!invitation) {
    return (
      <AuthCard title="Invitation not valid" description="This invitation link is invalid, was revoked, has been used or has expired. Ask an admin of the organisation for a new one.">
        <ButtonLink href="/signin" variant="secondary" className="w-full">Go to sign in</ButtonLink>
      </AuthCard>
    );
  }

  const returnTo = `/invite/${encodeURIComponent(token)}`;
  const roles = invitation.roles.map((r) => ROLE_LABELS[r]).join(", ");
  const description = (
    <>You are invited to join <strong className="text-slate-900">{invitation.orgName}</strong> as <strong className="text-slate-900">{roles}</strong>. The invitation is for {invitation.email}.</>
  );

  const userId = await currentUserId();
  const user = userId ? await prisma.user.findUnique({ where: { id: userId }, select: { email: true } }) : null;
  if (user) {
    if (user.email === invitation.email) {
      return (
        <AuthCard title={`Join ${invitation.orgName}`} description={description}>
          <AcceptInvitationButton token={token} orgName={invitation.orgName} />
        </AuthCard>
      );
    }
    return (
      <AuthCard title={`Join ${invitation.orgName}`} description={description}>
        <p className="mb-4 text-sm text-slate-700">
          You are signed in as {user.email}. Sign in as {invitation.email} to accept this invitation.
        </p>
        <SwitchAccountButton returnTo={returnTo}>Sign out and switch account</SwitchAccountButton>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={`Join ${invitation.orgName}`}
      description={description}
      footer={<>Already have an account for {invitation.email}? <Link className="font-medium text-brand-700 hover:underline" href={`/signin?callbackUrl=${encodeURIComponent(returnTo)}`}>Sign in to accept</Link></>}
    >
      <SignUpForm invitation={{ token, email: invitation.email, orgName: invitation.orgName }} />
    </AuthCard>
  );
}

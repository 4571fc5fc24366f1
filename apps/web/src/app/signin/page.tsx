import { resolveContext } from "@assay/services";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/accounts/auth-card";
import { safeCallbackUrl } from "@/components/accounts/safe-callback";
import { SignInForm } from "@/components/accounts/signin-form";
import { SwitchAccountButton } from "@/components/accounts/switch-account-button";
import { oidcConfig } from "@/lib/auth";
import { ORG_COOKIE, currentUserId } from "@/lib/context";

export const metadata = { title: "Sign in" };

/** next-auth reports failed single sign-on through ?error=<code>. */
function errorMessage(code: string | undefined): string | null {
  if (!code || code === "no-organisation") return null;
  if (code === "CredentialsSignin") return "Email or password is incorrect.";
  if (code === "SessionRequired") return "Sign in to continue.";
  return "Single sign-on did not complete. Try again, or sign in with your email and password.";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const userId = await currentUserId();
  if (userId) {
    // Signed in and in an organisation: nothing to do here. Without an organisation
    // the app would send the user back, so say why instead of redirecting in a loop.
    const ctx = await resolveContext(userId, (await cookies()).get(ORG_COOKIE)?.value);
    if (ctx) redirect(callbackUrl);
    return (
      <AuthCard title="No organisation yet"
        description="You are signed in, but you are not a member of any organisation. Open the invitation link an admin sent you, or sign in with another account.">
        <SwitchAccountButton returnTo={callbackUrl}>Sign in with another account</SwitchAccountButton>
      </AuthCard>
    );
  }
  const sso = oidcConfig();
  return (
    <AuthCard title="Sign in to Assay" description="Responsible-AI evaluation and launch review.">
      <SignInForm callbackUrl={callbackUrl} ssoName={sso?.name ?? null} initialError={errorMessage(params.error)} />
    </AuthCard>
  );
}

import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/accounts/auth-card";
import { SignUpForm } from "@/components/accounts/signup-form";
import { currentUserId } from "@/lib/context";

export const metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await currentUserId()) redirect("/");
  return (
    <AuthCard
      title="Create an account"
      description="Start a new organisation. You become its admin and can invite colleagues with the roles they need."
      footer={<>Already have an account? <Link className="font-medium text-brand-700 hover:underline" href="/signin">Sign in</Link></>}
    >
      <SignUpForm />
    </AuthCard>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useId, useState, type FormEvent } from "react";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";

/** Email and password sign-in, plus single sign-on when the server has it configured. */
export function SignInForm({ callbackUrl, ssoName, initialError }: { callbackUrl: string; ssoName: string | null; initialError: string | null }) {
  const router = useRouter();
  const id = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { redirect: false, email, password });
      if (!result?.ok || result.error) {
        setError("Email or password is incorrect.");
        return;
      }
      router.push(callbackUrl);
      router.refresh();
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="space-y-5">
      <form onSubmit={onSubmit} className="space-y-4" aria-label="Sign in with email and password">
        <Field label="Email" htmlFor={`${id}-email`}>
          <input id={`${id}-email`} name="email" type="email" autoComplete="email" required className={inputClass}
            value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Password" htmlFor={`${id}-password`}>
          <input id={`${id}-password`} name="password" type="password" autoComplete="current-password" required className={inputClass}
            value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <ErrorMessage>{error}</ErrorMessage>
        <Button type="submit" className="w-full" disabled={pending}>{pending ? "Signing in…" : "Sign in"}</Button>
      </form>
      {ssoName && (
        <div className="space-y-3">
          <p className="flex items-center gap-2 text-xs uppercase tracking-wide text-slate-400">
            <span className="h-px flex-1 bg-slate-200" aria-hidden />or<span className="h-px flex-1 bg-slate-200" aria-hidden />
          </p>
          <Button variant="secondary" className="w-full" onClick={() => signIn("oidc", { callbackUrl })}>
            Continue with {ssoName}
          </Button>
        </div>
      )}
      <p className="text-sm text-slate-600">
        New to Assay? <Link className="font-medium text-brand-700 hover:underline" href="/signup">Create an account</Link>
      </p>
    </div>
  );
}

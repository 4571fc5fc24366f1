"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useId, useState, type FormEvent } from "react";
import { splitApiError } from "@/components/registry/form-errors";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";

type Props = {
  /** With an invitation the email is fixed and no organisation is created. */
  invitation?: { token: string; email: string; orgName: string };
};

/** Creates the account through the API, then signs in with the same credentials. */
export function SignUpForm({ invitation }: Props) {
  const router = useRouter();
  const id = useId();
  const [values, setValues] = useState({ name: "", email: invitation?.email ?? "", password: "", organizationName: "" });
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));

  const submit = useMutation({
    mutationFn: async () => {
      await api("/api/v1/auth/signup", {
        method: "POST",
        body: {
          name: values.name,
          email: values.email,
          password: values.password,
          ...(invitation ? { invitationToken: invitation.token } : { organizationName: values.organizationName }),
        },
      });
      const result = await signIn("credentials", { redirect: false, email: values.email, password: values.password });
      if (!result?.ok || result.error) throw new Error("Your account was created, but signing in failed. Sign in with your new password.");
    },
    onSuccess: () => {
      router.push("/");
      router.refresh();
    },
  });
  const errors = submit.error ? splitApiError(submit.error) : { fields: {} as Record<string, string>, general: null };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate();
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Create an account">
      <Field label="Your name" htmlFor={`${id}-name`} error={errors.fields.name}>
        <input id={`${id}-name`} name="name" autoComplete="name" required className={inputClass} value={values.name} onChange={(e) => set({ name: e.target.value })} />
      </Field>
      <Field label="Email" htmlFor={`${id}-email`} error={errors.fields.email}
        hint={invitation ? `The invitation to ${invitation.orgName} was sent to this address.` : undefined}>
        <input id={`${id}-email`} name="email" type="email" autoComplete="email" required readOnly={Boolean(invitation)}
          className={inputClass + (invitation ? " bg-slate-50" : "")} value={values.email} onChange={(e) => set({ email: e.target.value })} />
      </Field>
      <Field label="Password" htmlFor={`${id}-password`} error={errors.fields.password} hint="At least 10 characters.">
        <input id={`${id}-password`} name="password" type="password" autoComplete="new-password" required minLength={10} className={inputClass}
          value={values.password} onChange={(e) => set({ password: e.target.value })} />
      </Field>
      {!invitation && (
        <Field label="Organisation name" htmlFor={`${id}-org`} error={errors.fields.organizationName}
          hint="A new organisation is created with you as its admin. To join an existing one, ask its admin for an invitation.">
          <input id={`${id}-org`} name="organizationName" autoComplete="organization" required className={inputClass}
            value={values.organizationName} onChange={(e) => set({ organizationName: e.target.value })} />
        </Field>
      )}
      <ErrorMessage>{errors.general}</ErrorMessage>
      <Button type="submit" className="w-full" disabled={submit.isPending}>
        {submit.isPending ? "Creating account…" : invitation ? `Create account and join ${invitation.orgName}` : "Create account"}
      </Button>
    </form>
  );
}

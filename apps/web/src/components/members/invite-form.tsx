"use client";

import type { Role } from "@assay/core";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { splitApiError } from "@/components/registry/form-errors";
import { Button, ErrorMessage, Field, inputClass } from "@/components/ui";
import { api } from "@/lib/client-api";
import { RoleCheckboxes } from "./role-checkboxes";

type CreatedInvitation = { id: string; email: string; roles: Role[]; expiresAt: string; link: string };

/**
 * Invites someone by email. Assay sends no mail, so the link is shown for the
 * admin to pass on; it is shown once, because only its hash is stored.
 */
export function InviteForm() {
  const router = useRouter();
  const id = useId();
  const [email, setEmail] = useState("");
  const [roles, setRoles] = useState<Role[]>(["scientist"]);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [copied, setCopied] = useState(false);

  const invite = useMutation({
    mutationFn: () => api<CreatedInvitation>("/api/v1/invitations", { method: "POST", body: { email, roles } }),
    onSuccess: (invitation) => {
      setCreated(invitation);
      setCopied(false);
      setEmail("");
      router.refresh();
    },
  });
  const errors = invite.error ? splitApiError(invite.error) : { fields: {} as Record<string, string>, general: null };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate();
  };

  const copy = async (link: string) => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Invite a member">
        <Field label="Email address" htmlFor={`${id}-email`} error={errors.fields.email}>
          <input id={`${id}-email`} type="email" autoComplete="off" className={inputClass} value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <RoleCheckboxes legend="Roles" idPrefix={`${id}-role`} value={roles} onChange={setRoles} showDescriptions disabled={invite.isPending} />
        {errors.fields.roles && <p className="text-xs text-red-700" role="alert">{errors.fields.roles}</p>}
        <ErrorMessage>{errors.general}</ErrorMessage>
        <Button type="submit" disabled={invite.isPending}>{invite.isPending ? "Creating invitation…" : "Create invitation"}</Button>
      </form>

      {created && (
        <div role="status" className="space-y-2 rounded-md border border-brand-100 bg-brand-50 p-3">
          <p className="text-sm font-medium text-brand-900">Invitation for {created.email} created.</p>
          <p className="text-sm text-slate-700">
            No mail server is configured, so share this link with the invitee. It works once and expires on{" "}
            {new Date(created.expiresAt).toLocaleDateString("en-GB", { dateStyle: "medium", timeZone: "UTC" })}. It is shown only now.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor={`${id}-link`} className="sr-only">Invitation link</label>
            <input id={`${id}-link`} readOnly value={created.link} className={inputClass + " min-w-0 flex-1 font-mono text-xs"}
              onFocus={(e) => e.currentTarget.select()} />
            <Button variant="secondary" onClick={() => copy(created.link)}>{copied ? "Copied" : "Copy link"}</Button>
          </div>
        </div>
      )}
    </div>
  );
}

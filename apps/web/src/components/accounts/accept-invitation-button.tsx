"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button, ErrorMessage } from "@/components/ui";
import { api } from "@/lib/client-api";

/** Joins the organisation; the server also switches the session to it. */
export function AcceptInvitationButton({ token, orgName }: { token: string; orgName: string }) {
  const router = useRouter();
  const accept = useMutation({
    mutationFn: () => api("/api/v1/invitations/accept", { method: "POST", body: { token } }),
    onSuccess: () => {
      router.push("/");
      router.refresh();
    },
  });
  return (
    <div className="space-y-3">
      <Button className="w-full" disabled={accept.isPending || accept.isSuccess} onClick={() => accept.mutate()}>
        {accept.isPending ? "Joining…" : `Accept and join ${orgName}`}
      </Button>
      <ErrorMessage>{accept.error ? accept.error.message : null}</ErrorMessage>
    </div>
  );
}

"use client";

import { useState } from "react";
import { Button } from "@/components/ui";
import { SystemForm, type MemberOption, type SystemFormValues } from "./system-form";

export function SystemRecordEditor({ systemId, members, initial }: { systemId: string; members: MemberOption[]; initial: SystemFormValues }) {
  const [editing, setEditing] = useState(false);
  if (!editing) {
    return <Button variant="secondary" onClick={() => setEditing(true)}>Edit record</Button>;
  }
  return (
    <div className="mt-4 border-t border-slate-100 pt-4">
      <h3 className="mb-3 text-sm font-semibold text-slate-800">Edit record</h3>
      <SystemForm mode="edit" systemId={systemId} members={members} initial={initial} onDone={() => setEditing(false)} />
    </div>
  );
}

"use client";

import { useId, useState } from "react";
import { cx } from "@/components/ui";

/**
 * Suite prompts and model responses can be harmful or offensive. They stay
 * hidden until the reader asks, one text at a time (or all on a page when the
 * caller passes `revealed`), and never appear in titles or notifications.
 */
export function RevealText({ text, label, revealed, className }: { text: string; label: string; revealed?: boolean; className?: string }) {
  const [shown, setShown] = useState(false);
  const id = useId();
  const visible = revealed ?? shown;
  return (
    <div className={cx("text-sm", className)}>
      {revealed === undefined && (
        <button
          type="button"
          aria-expanded={visible}
          aria-controls={id}
          onClick={() => setShown((s) => !s)}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50"
        >
          {visible ? `Hide ${label}` : `Show ${label}`}
        </button>
      )}
      <div id={id} hidden={!visible}>
        {visible && <pre className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-sans text-slate-800">{text}</pre>}
      </div>
      {!visible && revealed !== undefined && <p className="text-xs italic text-slate-500">Hidden ({text.length.toLocaleString("en-US")} characters): content may be harmful.</p>}
    </div>
  );
}

/** A page-level switch for RevealText's `revealed`, with the content warning next to it. */
export function RevealAllToggle({ revealed, onChange }: { revealed: boolean; onChange: (value: boolean) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <input id={id} type="checkbox" checked={revealed} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4" />
      <label htmlFor={id}>Show prompts and responses on this page. Content warning: they can contain harmful or offensive text.</label>
    </div>
  );
}

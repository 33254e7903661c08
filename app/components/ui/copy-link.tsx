import { useRef, useState } from "react";

/**
 * A link shown in a read-only box with a button that copies it. Where the browser refuses the
 * clipboard (an http address other than localhost), the link is selected for the person to copy.
 */
export function CopyLink({ id, label, url }: { id: string; label: string; url: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [said, setSaid] = useState("");
  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(url);
      setSaid("Copied.");
    } catch {
      setSaid(document.execCommand("copy") ? "Copied." : "Press Ctrl+C (or ⌘C) to copy the selected link.");
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-link">
        <input id={id} type="text" readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
        <button type="button" className="button" onClick={copy}>
          Copy link
        </button>
      </div>
      <span className="hint" role="status">
        {said}
      </span>
    </div>
  );
}

import { useEffect, useState } from "react";

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [result, setResult] = useState<"copied" | "failed" | null>(null);
  useEffect(() => {
    if (!result) return;
    const timer = window.setTimeout(() => setResult(null), 2_000);
    return () => window.clearTimeout(timer);
  }, [result]);
  return (
    <span className="copy">
      <button
        type="button"
        className="button button--secondary button--small"
        aria-label={label}
        onClick={() => {
          if (!navigator.clipboard) {
            setResult("failed");
            return;
          }
          navigator.clipboard.writeText(text).then(
            () => setResult("copied"),
            () => setResult("failed"),
          );
        }}
      >
        Copy
      </button>
      <span className="copy__result" role="status">
        {result === "copied" ? "Copied" : result === "failed" ? "Select the text to copy it" : ""}
      </span>
    </span>
  );
}

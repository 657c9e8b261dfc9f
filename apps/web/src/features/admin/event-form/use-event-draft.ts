import { useCallback, useState, type FocusEvent } from "react";
import type { EventDraft } from "./event-draft";
import type { FieldErrors } from "./validate-event-draft";

/** How the form's parts read and change the draft. */
export interface DraftEditor {
  draft: EventDraft;
  /** The message to show next to the control named `key`, if any. */
  errorFor: (key: string) => string | null;
  /** Changes the draft; `keys` are the form keys the change answers, whose server errors it clears. */
  update: (change: (draft: EventDraft) => EventDraft, keys: readonly string[]) => void;
  /** Every control is read-only (an ended or cancelled event). */
  disabled: boolean;
  /** Moves focus to the element matching `selector` once the change on its way has rendered. */
  focusLater: (selector: string) => void;
}

/** A draft key whose value is what the organizer typed into one text input. */
export type DraftTextKey = {
  [K in keyof EventDraft]: EventDraft[K] extends string ? K : never;
}[keyof EventDraft];

/** Name, value, error, disabled and change handler of one of the draft's text inputs, to spread on a FormField. */
export function draftTextProps(editor: DraftEditor, field: DraftTextKey) {
  const { draft, errorFor, update, disabled } = editor;
  return {
    name: field,
    value: draft[field],
    error: errorFor(field),
    disabled,
    onChange: (event: { target: { value: string } }) => {
      const value = event.target.value;
      update((current) => ({ ...current, [field]: value }), [field]);
    },
  };
}

/**
 * The event form's state: the draft, which client errors are on show (a field's once it was left with a value;
 * all of them after a save attempt) and the server's errors, each kept until its field changes.
 */
export function useEventDraft(initial: EventDraft) {
  const [draft, setDraft] = useState(initial);
  const [revealed, setRevealed] = useState<ReadonlySet<string> | "all">(() => new Set());
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});

  const update = useCallback((change: (current: EventDraft) => EventDraft, keys: readonly string[]) => {
    setDraft(change);
    setServerErrors((current) => {
      const stale = Object.keys(current).filter((key) =>
        keys.some((changed) => key === changed || key.startsWith(`${changed}.`)),
      );
      if (stale.length === 0) return current;
      const next = { ...current };
      for (const key of stale) delete next[key];
      return next;
    });
  }, []);

  /** For the form's onBlur: a field left with something in it shows its error from then on. */
  const revealOnBlur = useCallback((event: FocusEvent<HTMLFormElement>) => {
    const target = event.target;
    if (!(
      target instanceof HTMLInputElement ||
      target instanceof HTMLSelectElement ||
      target instanceof HTMLTextAreaElement
    ))
      return;
    if (!target.name || target.value === "") return;
    const name = target.name;
    setRevealed((current) =>
      current === "all" || current.has(name) ? current : new Set([...current, name]),
    );
  }, []);

  const revealAll = useCallback(() => setRevealed("all"), []);

  /** The error to show for a key, given what the client checks currently find. */
  const errorLookup = useCallback(
    (clientErrors: FieldErrors) =>
      (key: string): string | null => {
        const client = revealed === "all" || revealed.has(key) ? clientErrors[key] : undefined;
        return client ?? serverErrors[key] ?? null;
      },
    [revealed, serverErrors],
  );

  return { draft, setDraft, update, revealOnBlur, revealAll, errorLookup, serverErrors, setServerErrors };
}

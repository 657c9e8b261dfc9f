import { useState } from "react";
import { SectionCard } from "./section-card";
import {
  defaultSectionDraft,
  duplicateSectionDraft,
  nextSectionName,
  type DraftErrors,
  type SectionDraft,
} from "./section-draft";
import { PlusIcon } from "../../../components/icons";

/**
 * The list of section generators: add, duplicate, remove and reorder sections, each edited in its own card.
 * `takenNames` are names already used elsewhere (the saved sections of the venue being extended).
 */
export function SectionsEditor({
  drafts,
  errors,
  seatCounts,
  takenNames = [],
  newSectionAt,
  minimum = 1,
  onChange,
}: {
  drafts: readonly SectionDraft[];
  errors: readonly DraftErrors[];
  seatCounts: ReadonlyMap<string, number>;
  takenNames?: readonly string[];
  /** Where a new section's front row starts. */
  newSectionAt: () => { x: number; y: number };
  /** Sections that must stay (a new venue needs one). */
  minimum?: number;
  onChange: (drafts: SectionDraft[]) => void;
}) {
  // New cards open; the first one too, so a first-time organizer sees the fields.
  const [open, setOpen] = useState<ReadonlySet<string>>(
    () => new Set(drafts.slice(0, 1).map((draft) => draft.key)),
  );
  const names = new Set([...takenNames, ...drafts.map((draft) => draft.name.trim())]);

  const openOnly = (key: string) => setOpen((current) => new Set([...current, key]));
  const update = (key: string, patch: Partial<SectionDraft>) =>
    onChange(drafts.map((draft) => (draft.key === key ? { ...draft, ...patch } : draft)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...drafts];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    onChange(next);
  };
  const add = () => {
    const draft = defaultSectionDraft(nextSectionName("Section", names), newSectionAt());
    openOnly(draft.key);
    onChange([...drafts, draft]);
  };
  const duplicate = (index: number) => {
    const copy = duplicateSectionDraft(drafts[index]!, names);
    openOnly(copy.key);
    const next = [...drafts];
    next.splice(index + 1, 0, copy);
    onChange(next);
  };
  const remove = (index: number) => onChange(drafts.filter((_, i) => i !== index));

  return (
    <div className="card-list">
      <ol className="card-list__items">
        {drafts.map((draft, index) => (
          <SectionCard
            key={draft.key}
            draft={draft}
            index={index}
            count={drafts.length}
            canRemove={drafts.length > minimum}
            errors={errors[index] ?? {}}
            seats={seatCounts.get(draft.key)}
            expanded={open.has(draft.key)}
            onChange={(patch) => update(draft.key, patch)}
            onToggle={() =>
              setOpen((current) => {
                const next = new Set(current);
                if (next.has(draft.key)) next.delete(draft.key);
                else next.add(draft.key);
                return next;
              })
            }
            onMove={(by) => move(index, by)}
            onDuplicate={() => duplicate(index)}
            onRemove={() => remove(index)}
          />
        ))}
      </ol>
      <button type="button" className="button button--secondary" onClick={add}>
        <PlusIcon />
        Add section
      </button>
    </div>
  );
}

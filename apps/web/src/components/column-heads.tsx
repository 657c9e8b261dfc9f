/** A column's heading: its text, or the text with a class; a `hidden` heading is for screen readers only. */
export type Column = string | { label: string; className?: string; hidden?: boolean };

/** A table's head: one row of `<th scope="col">`, one per column. */
export function ColumnHeads({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          const { label, className, hidden } = typeof column === "string" ? { label: column } : column;
          return (
            <th key={label} scope="col" className={className}>
              {hidden ? <span className="visually-hidden">{label}</span> : label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

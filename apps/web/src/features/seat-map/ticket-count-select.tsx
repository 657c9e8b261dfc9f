import { SelectField } from "../../components/form-field";

/** "Tickets" 1…max, for best-available and standing-area forms; disabled when the fan may take no more. */
export function TicketCountSelect({
  value,
  max,
  onChange,
}: {
  value: number;
  max: number;
  onChange: (quantity: number) => void;
}) {
  return (
    <SelectField
      inline
      label="Tickets"
      value={value}
      onChange={(event) => onChange(Number(event.target.value))}
      disabled={max === 0}
    >
      {Array.from({ length: Math.max(1, max) }, (_, i) => i + 1).map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </SelectField>
  );
}

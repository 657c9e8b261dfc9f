import { useState, type ReactNode } from "react";
import { BusyButton } from "../../components/busy-button";
import { SelectField } from "../../components/form-field";

/**
 * A hold form of the side panel (best available, a standing area): its own pickers as children, then "Tickets"
 * 1…max and the hold button. Submits the number of tickets; disabled when the fan may take no more.
 */
export function TicketCountForm({
  className,
  max,
  pending,
  canHold,
  submitVariant,
  submitLabel,
  onSubmit,
  children,
}: {
  className: string;
  max: number;
  pending: boolean;
  canHold: boolean;
  submitVariant: "primary" | "secondary";
  submitLabel: string;
  onSubmit: (quantity: number) => void;
  children?: ReactNode;
}) {
  const [quantity, setQuantity] = useState(2);
  const effective = Math.min(Math.max(1, quantity), Math.max(1, max));
  return (
    <form
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(effective);
      }}
    >
      {children}
      <SelectField
        inline
        label="Tickets"
        value={effective}
        onChange={(event) => setQuantity(Number(event.target.value))}
        disabled={max === 0}
      >
        {Array.from({ length: Math.max(1, max) }, (_, i) => i + 1).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </SelectField>
      <BusyButton
        type="submit"
        className={`button button--${submitVariant} best-form__submit`}
        busy={pending}
        disabled={max === 0 || !canHold}
      >
        {submitLabel}
      </BusyButton>
    </form>
  );
}

import { useId, useState } from "react";
import { formatCount, formatMoney } from "../../lib/format";
import type { SeatModel, SectionInfo } from "./seat-model";
import { sectionName } from "./section-name";

interface SeatListViewProps {
  model: SeatModel;
  currency: string;
  /** Seat indexes. */
  selected: ReadonlySet<number>;
  mine: ReadonlySet<number>;
  interactive: boolean;
  seatLabel: (index: number) => string;
  onSeatActivate: (index: number) => void;
  onSectionActivate: (sectionIndex: number) => void;
}

function priceRange(model: SeatModel, section: SectionInfo, currency: string): string {
  const prices = new Set<number>();
  for (const row of section.rows) for (const i of row.seats) prices.add(model.tierOfSeat(i)?.priceCents ?? 0);
  if (prices.size === 0) {
    const tier = model.tiers[section.tierIndex];
    return tier ? formatMoney(tier.priceCents, currency) : "";
  }
  const sorted = [...prices].sort((a, b) => a - b);
  const low = formatMoney(sorted[0]!, currency);
  return sorted.length === 1 ? low : `${low}–${formatMoney(sorted[sorted.length - 1]!, currency)}`;
}

/**
 * The accessible alternative to the canvas: sections → rows → seats as buttons. Only opened sections render
 * their seats, so the 15,000-seat arena never puts 15,000 buttons in the page at once.
 */
export function SeatListView(props: SeatListViewProps) {
  const { model, currency } = props;
  const id = useId();
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const [onlyAvailable, setOnlyAvailable] = useState(false);

  const toggle = (sectionId: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(sectionId)) next.delete(sectionId);
      else next.add(sectionId);
      return next;
    });

  return (
    <div className="seat-list">
      <div className="seat-list__bar">
        <p className="seat-list__intro">
          {formatCount(model.sections.length)} sections. Open one to see its seats.
        </p>
        <label className="seat-list__filter">
          <input
            type="checkbox"
            checked={onlyAvailable}
            onChange={(event) => setOnlyAvailable(event.target.checked)}
          />
          Only available seats
        </label>
      </div>
      <ul className="seat-list__sections">
        {model.sections.map((section) => {
          const expanded = open.has(section.id);
          const panelId = `${id}-${section.index}`;
          const ga = section.kind === "general_admission";
          const left = section.available > 0 ? `${formatCount(section.available)} left` : "sold out";
          return (
            <li key={section.id} className="seat-list__section">
              <h3 className="seat-list__heading">
                {ga ? (
                  <button
                    type="button"
                    className="seat-list__toggle"
                    onClick={() => props.onSectionActivate(section.index)}
                  >
                    <span className="seat-list__name">{sectionName(section.name)}</span>
                    <span className="seat-list__meta">
                      Standing · {priceRange(model, section, currency)} · {left}
                    </span>
                    <span className="seat-list__chevron" aria-hidden="true">
                      →
                    </span>
                  </button>
                ) : (
                  <button
                    type="button"
                    className="seat-list__toggle"
                    aria-expanded={expanded}
                    aria-controls={panelId}
                    onClick={() => toggle(section.id)}
                  >
                    <span className="seat-list__name">{sectionName(section.name)}</span>
                    <span className="seat-list__meta">
                      {priceRange(model, section, currency)} · {left}
                    </span>
                    <span className="seat-list__chevron" aria-hidden="true">
                      {expanded ? "−" : "+"}
                    </span>
                  </button>
                )}
              </h3>
              {expanded && !ga ? (
                <div id={panelId} className="seat-list__rows">
                  {section.rows.map((row) => {
                    const seats = onlyAvailable ? row.seats.filter((i) => model.isAvailable(i)) : row.seats;
                    if (seats.length === 0) return null;
                    return (
                      <div
                        key={row.name}
                        className="seat-list__row"
                        role="group"
                        aria-label={`Row ${row.name}`}
                      >
                        <span className="seat-list__row-name" aria-hidden="true">
                          {row.name}
                        </span>
                        <div className="seat-list__seats">
                          {seats.map((i) => {
                            const available = model.isAvailable(i);
                            const mine = props.mine.has(i) && model.status[i] === 1;
                            const selected = props.selected.has(i);
                            const tier = model.tierOfSeat(i);
                            return (
                              <button
                                key={i}
                                type="button"
                                className="seat-chip"
                                data-state={mine ? "mine" : available ? "available" : "taken"}
                                aria-label={props.seatLabel(i)}
                                aria-pressed={available ? selected : undefined}
                                aria-disabled={!available || !props.interactive || undefined}
                                style={available ? { backgroundColor: tier?.color } : undefined}
                                onClick={() => props.onSeatActivate(i)}
                              >
                                {model.seatNumber[i]}
                              </button>
                            );
                          })}
                        </div>
                      </div>
                    );
                  })}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Placeholder card shown while the catalog loads. */
export function EventCardSkeleton() {
  return (
    <div className="event-card event-card--skeleton" aria-hidden="true">
      <div className="event-card__media skeleton" />
      <div className="event-card__body">
        <span className="skeleton skeleton--line" style={{ width: "45%" }} />
        <span className="skeleton skeleton--title" style={{ width: "80%" }} />
        <span className="skeleton skeleton--line" style={{ width: "55%" }} />
        <span className="skeleton skeleton--line" style={{ width: "70%" }} />
        <span className="skeleton skeleton--line" style={{ width: "35%", marginTop: "auto" }} />
      </div>
    </div>
  );
}

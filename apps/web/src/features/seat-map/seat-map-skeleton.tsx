/** Placeholder while the seat map loads: the map area and the side panel. */
export function SeatMapSkeleton() {
  return (
    <div className="container-wide seat-page__body" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading the seat map
      </p>
      <div className="seat-page__map" aria-hidden="true">
        <div className="seat-page__toolbar">
          <span className="skeleton skeleton--title" style={{ width: "30%" }} />
        </div>
        <div className="seat-page__canvas seat-page__canvas--loading skeleton" />
        <span className="skeleton skeleton--line" style={{ width: "60%", marginTop: "1rem" }} />
      </div>
      <div className="seat-page__panel" aria-hidden="true">
        <div className="card card--compact panel-card">
          <span className="skeleton skeleton--title" style={{ width: "50%" }} />
          <span className="skeleton skeleton--line" />
          <span className="skeleton skeleton--line" style={{ width: "80%" }} />
          <span className="skeleton skeleton--block" />
        </div>
      </div>
    </div>
  );
}

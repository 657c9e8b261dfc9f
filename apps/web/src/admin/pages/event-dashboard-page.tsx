/** Placeholder: being built (issue #7). */
export function EventDashboardPage() {
  return <h1>Dashboard</h1>;
}

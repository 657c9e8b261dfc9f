/** Placeholder: being built (issue #7). */
export function AuditLogPage() {
  return <h1>Audit log</h1>;
}

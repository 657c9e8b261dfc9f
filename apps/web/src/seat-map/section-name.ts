/**
 * How a section is named to fans: one-word names read "Section 112", "Section A", "Section Left"; names that
 * already describe a place ("Balcony Center", "General Admission Floor") stay as they are.
 */
export function sectionName(name: string): string {
  const trimmed = name.trim();
  if (/^section\b/i.test(trimmed)) return trimmed;
  return /\s/.test(trimmed) ? trimmed : `Section ${trimmed}`;
}

import { boolean, index, integer, pgEnum, pgTable, real, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamptzNow, uuidPrimaryKey, uuidReference } from "./columns";

export const sectionKind = pgEnum("section_kind", ["reserved", "general_admission"]);

export const venues = pgTable(
  "venues",
  {
    id: uuidPrimaryKey(),
    name: text().notNull(),
    city: text().notNull(),
    country: text().notNull().default("US"),
    address: text().notNull().default(""),
    timezone: text().notNull().default("America/New_York"),
    /** Layout bounds in map units; seat and section coordinates lie within them. */
    width: real().notNull(),
    height: real().notNull(),
    /** Where the stage / field / pitch is drawn, in map units. */
    stage: text().notNull().default(""),
    /** Bumped by every layout edit, so instances caching a venue's seats know to reload them. */
    layoutVersion: integer().notNull().default(1),
    createdAt: timestamptzNow(),
  },
  (t) => [index("venues_name_idx").on(t.name)],
);

export const sections = pgTable(
  "sections",
  {
    id: uuidPrimaryKey(),
    venueId: uuidReference(() => venues.id, "cascade").notNull(),
    name: text().notNull(),
    kind: sectionKind().notNull(),
    /** Reserved: the number of seats. General admission: how many may stand there. */
    capacity: integer().notNull(),
    /** Outline polygon as an SVG path in map units, and where to draw the label. */
    outline: text().notNull().default(""),
    labelX: real().notNull().default(0),
    labelY: real().notNull().default(0),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex("sections_venue_id_name_key").on(t.venueId, t.name),
    index("sections_venue_id_sort_order_idx").on(t.venueId, t.sortOrder),
  ],
);

export const seats = pgTable(
  "seats",
  {
    id: uuidPrimaryKey(),
    venueId: uuidReference(() => venues.id, "cascade").notNull(),
    sectionId: uuidReference(() => sections.id, "cascade").notNull(),
    row: text().notNull(),
    number: integer().notNull(),
    x: real().notNull(),
    y: real().notNull(),
    accessible: boolean().notNull().default(false),
    companion: boolean().notNull().default(false),
    restrictedView: boolean().notNull().default(false),
    /** Never for sale: every event created on the venue afterwards starts with this seat blocked. */
    blocked: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex("seats_section_id_row_number_key").on(t.sectionId, t.row, t.number),
    index("seats_venue_id_idx").on(t.venueId),
  ],
);

import { timestamp, uuid, type ReferenceConfig, type UpdateDeleteAction } from "drizzle-orm/pg-core";

/** Column builders the tables share. Each call makes a new column: a builder must not be shared between tables. */

/** Every point in time the schema stores is a timestamp with time zone. */
export const timestamptz = () => timestamp({ withTimezone: true });

/** A required timestamp that defaults to when the row is written (created, updated, joined…). */
export const timestamptzNow = () => timestamptz().notNull().defaultNow();

/** A random uuid, the primary key of a table whose rows are known by id alone. */
export const uuidPrimaryKey = () => uuid().primaryKey().defaultRandom();

/** A uuid referencing another table's row; `.notNull()` where the row must have one. */
export const uuidReference = (column: ReferenceConfig["ref"], onDelete: UpdateDeleteAction) =>
  uuid().references(column, { onDelete });

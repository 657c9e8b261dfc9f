-- The sales tables keyed by event first (see the note in src/schema/orders.ts and docs/scaling.md): primary keys,
-- unique keys and the references to orders all start with event_id.
ALTER TABLE "event_seats" DROP CONSTRAINT "event_seats_order_id_orders_id_fk";--> statement-breakpoint
ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_order_id_orders_id_fk";--> statement-breakpoint
ALTER TABLE "payments" DROP CONSTRAINT "payments_order_id_orders_id_fk";--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_order_id_orders_id_fk";--> statement-breakpoint
DROP INDEX "orders_event_id_idx";--> statement-breakpoint
DROP INDEX "orders_hold_id_key";--> statement-breakpoint
DROP INDEX "tickets_code_key";--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_pkey";--> statement-breakpoint
ALTER TABLE "payments" DROP CONSTRAINT "payments_pkey";--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_pkey";--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_pkey" PRIMARY KEY("event_id","id");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_pkey" PRIMARY KEY("event_id","id");--> statement-breakpoint
-- A payment's event is its order's (every payment row is written with its order, in the sale's transaction).
ALTER TABLE "payments" ADD COLUMN "event_id" uuid;--> statement-breakpoint
UPDATE "payments" SET "event_id" = "orders"."event_id" FROM "orders" WHERE "orders"."id" = "payments"."order_id";--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "event_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_pkey" PRIMARY KEY("event_id","id");--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "event_id" uuid;--> statement-breakpoint
UPDATE "idempotency_keys" SET "event_id" = "orders"."event_id" FROM "orders" WHERE "orders"."id" = "idempotency_keys"."order_id";--> statement-breakpoint
ALTER TABLE "event_seats" ADD CONSTRAINT "event_seats_order_fk" FOREIGN KEY ("event_id","order_id") REFERENCES "public"."orders"("event_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_order_fk" FOREIGN KEY ("event_id","order_id") REFERENCES "public"."orders"("event_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_order_fk" FOREIGN KEY ("event_id","order_id") REFERENCES "public"."orders"("event_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_order_fk" FOREIGN KEY ("event_id","order_id") REFERENCES "public"."orders"("event_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_id_idx" ON "orders" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_event_id_hold_id_key" ON "orders" USING btree ("event_id","hold_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_event_id_code_key" ON "tickets" USING btree ("event_id","code");

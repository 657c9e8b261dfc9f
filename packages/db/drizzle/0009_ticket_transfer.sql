CREATE TYPE "public"."transfer_status" AS ENUM('pending', 'accepted', 'declined', 'cancelled', 'expired');--> statement-breakpoint
CREATE TABLE "ticket_transfer_tickets" (
	"transfer_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"new_ticket_id" uuid,
	CONSTRAINT "ticket_transfer_tickets_pkey" PRIMARY KEY("transfer_id","ticket_id")
);
--> statement-breakpoint
CREATE TABLE "ticket_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_email" text NOT NULL,
	"to_user_id" uuid,
	"status" "transfer_status" DEFAULT 'pending' NOT NULL,
	"ticket_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "ticket_transfers_ticket_count_positive" CHECK ("ticket_transfers"."ticket_count" > 0)
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "transfers_allowed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "transfer_cutoff_hours" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-written backfill (keep when regenerating): every existing ticket is held by its buyer.
ALTER TABLE "tickets" ADD COLUMN "holder_id" uuid;--> statement-breakpoint
UPDATE "tickets" SET "holder_id" = "orders"."user_id" FROM "orders" WHERE "orders"."event_id" = "tickets"."event_id" AND "orders"."id" = "tickets"."order_id";--> statement-breakpoint
ALTER TABLE "tickets" ALTER COLUMN "holder_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "issued_by_transfer_id" uuid;--> statement-breakpoint
ALTER TABLE "ticket_transfer_tickets" ADD CONSTRAINT "ticket_transfer_tickets_transfer_id_ticket_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."ticket_transfers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_transfer_tickets" ADD CONSTRAINT "ticket_transfer_tickets_ticket_fk" FOREIGN KEY ("event_id","ticket_id") REFERENCES "public"."tickets"("event_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_transfers" ADD CONSTRAINT "ticket_transfers_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_transfers" ADD CONSTRAINT "ticket_transfers_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_transfers" ADD CONSTRAINT "ticket_transfers_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_transfers" ADD CONSTRAINT "ticket_transfers_order_fk" FOREIGN KEY ("event_id","order_id") REFERENCES "public"."orders"("event_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_transfer_tickets_ticket_id_idx" ON "ticket_transfer_tickets" USING btree ("event_id","ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_transfers_to_email_idx" ON "ticket_transfers" USING btree ("to_email","created_at");--> statement-breakpoint
CREATE INDEX "ticket_transfers_from_user_id_idx" ON "ticket_transfers" USING btree ("from_user_id","created_at");--> statement-breakpoint
CREATE INDEX "ticket_transfers_order_id_idx" ON "ticket_transfers" USING btree ("order_id");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_holder_id_users_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_event_id_holder_id_valid_idx" ON "tickets" USING btree ("event_id","holder_id") WHERE "tickets"."status" = 'valid';--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_transfer_cutoff_hours_non_negative" CHECK ("events"."transfer_cutoff_hours" >= 0);
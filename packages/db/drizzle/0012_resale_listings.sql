CREATE TYPE "public"."resale_refund_status" AS ENUM('due', 'refunded');--> statement-breakpoint
CREATE TYPE "public"."resale_status" AS ENUM('listed', 'withdrawn', 'sold', 'cancelled');--> statement-breakpoint
CREATE TABLE "resale_listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"seat_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"price_cents" integer NOT NULL,
	"refund_cents" integer NOT NULL,
	"status" "resale_status" DEFAULT 'listed' NOT NULL,
	"buyer_order_id" uuid,
	"new_ticket_id" uuid,
	"refund_status" "resale_refund_status",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	CONSTRAINT "resale_listings_refund_within_paid" CHECK ("resale_listings"."refund_cents" >= "resale_listings"."price_cents")
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "resale_allowed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "resale_fees_refunded" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "resale_listings" ADD CONSTRAINT "resale_listings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resale_listings" ADD CONSTRAINT "resale_listings_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resale_listings" ADD CONSTRAINT "resale_listings_seller_id_users_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resale_listings" ADD CONSTRAINT "resale_listings_ticket_fk" FOREIGN KEY ("event_id","ticket_id") REFERENCES "public"."tickets"("event_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resale_listings" ADD CONSTRAINT "resale_listings_order_fk" FOREIGN KEY ("event_id","order_id") REFERENCES "public"."orders"("event_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "resale_listings_ticket_listed_key" ON "resale_listings" USING btree ("event_id","ticket_id") WHERE "resale_listings"."status" = 'listed';--> statement-breakpoint
CREATE UNIQUE INDEX "resale_listings_seat_listed_key" ON "resale_listings" USING btree ("event_id","seat_id") WHERE "resale_listings"."status" = 'listed';--> statement-breakpoint
CREATE INDEX "resale_listings_order_id_idx" ON "resale_listings" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "resale_listings_buyer_order_id_idx" ON "resale_listings" USING btree ("buyer_order_id");
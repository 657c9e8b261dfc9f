ALTER TABLE "events" ADD COLUMN "single_seat_rule" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "self_cancel" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "self_cancel_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "fees_refundable" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "refunded_cents" integer;
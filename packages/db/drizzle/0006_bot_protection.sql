ALTER TABLE "events" ADD COLUMN "high_demand" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "held_seats_per_ip" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_held_seats_per_ip_positive" CHECK ("events"."held_seats_per_ip" > 0);
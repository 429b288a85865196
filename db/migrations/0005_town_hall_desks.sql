ALTER TABLE "communes" ADD COLUMN "desk_address" text;--> statement-breakpoint
ALTER TABLE "communes" ADD COLUMN "desk_hours" text;
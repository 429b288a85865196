CREATE TABLE "round_stops" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "round_stops_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"report_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"added_by_user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sender_marks" (
	"key" text PRIMARY KEY NOT NULL,
	"mark" text NOT NULL,
	"reason" text NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sender_marks_mark_known" CHECK ("sender_marks"."mark" in ('moderate', 'refuse'))
);
--> statement-breakpoint
ALTER TABLE "report_events" DROP CONSTRAINT "report_events_kind_known";--> statement-breakpoint
DROP INDEX "reports_public_open_idx";--> statement-breakpoint
DROP INDEX "reports_public_resolved_idx";--> statement-breakpoint
ALTER TABLE "report_photos" ADD COLUMN "kind" text DEFAULT 'resident' NOT NULL;--> statement-breakpoint
ALTER TABLE "report_photos" ADD COLUMN "original_bytes" "bytea";--> statement-breakpoint
ALTER TABLE "report_photos" ADD COLUMN "redacted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "report_photos" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "sender_keys" text[];--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "public_description" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
-- Reports received before moderation existed were public from the start: they stay published.
UPDATE "reports" SET "published_at" = "created_at";--> statement-breakpoint
ALTER TABLE "round_stops" ADD CONSTRAINT "round_stops_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_stops" ADD CONSTRAINT "round_stops_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_stops" ADD CONSTRAINT "round_stops_added_by_user_id_users_id_fk" FOREIGN KEY ("added_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sender_marks" ADD CONSTRAINT "sender_marks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "round_stops_user_report_idx" ON "round_stops" USING btree ("user_id","report_id");--> statement-breakpoint
CREATE INDEX "round_stops_user_position_idx" ON "round_stops" USING btree ("user_id","position");--> statement-breakpoint
CREATE INDEX "reports_to_moderate_idx" ON "reports" USING btree ("pole_id","created_at","id") WHERE "reports"."published_at" is null and "reports"."hidden_at" is null;--> statement-breakpoint
CREATE INDEX "reports_public_open_idx" ON "reports" USING btree ("created_at","id","category_slug","commune_insee","lon","lat") WHERE "reports"."state_key" in ('new', 'acknowledged', 'in_progress', 'reopened') and "reports"."hidden_at" is null;--> statement-breakpoint
CREATE INDEX "reports_public_resolved_idx" ON "reports" USING btree ("resolved_at","created_at","id","category_slug","commune_insee","lon","lat") WHERE "reports"."state_key" = 'resolved' and "reports"."hidden_at" is null;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_kind_known" CHECK ("report_events"."kind" in ('created', 'state_changed', 'reopened', 'severity_changed', 'assigned', 'planned', 'transferred', 'relocated', 'duplicate_linked', 'follower_added', 'note', 'comment', 'contact_erased', 'letter_posted', 'published', 'public_text_edited', 'photo_hidden', 'photo_redacted', 'report_hidden', 'report_shown', 'sender_marked'));--> statement-breakpoint
ALTER TABLE "report_photos" ADD CONSTRAINT "report_photos_kind_known" CHECK ("report_photos"."kind" in ('resident', 'resolution'));
CREATE TYPE "public"."actor_type" AS ENUM('resident', 'staff', 'system');--> statement-breakpoint
CREATE TABLE "severity_levels" (
	"key" "severity" PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"working_days" smallint NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "severity_levels_working_days" CHECK ("severity_levels"."working_days" between 1 and 30)
);
--> statement-breakpoint
ALTER TABLE "report_events" ALTER COLUMN "kind" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "resolution_template" text;--> statement-breakpoint
ALTER TABLE "report_events" ADD COLUMN "actor_type" "actor_type";--> statement-breakpoint
ALTER TABLE "report_events" ADD COLUMN "actor_role" "role";--> statement-breakpoint
ALTER TABLE "report_events" ADD COLUMN "pole_id" text;--> statement-breakpoint
ALTER TABLE "report_events" ADD COLUMN "data" jsonb;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "assignee_user_id" integer;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "planned_for" date;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "intake_user_id" integer;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "duplicate_of_id" bigint;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "acknowledged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_sign_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_pole_id_poles_id_fk" FOREIGN KEY ("pole_id") REFERENCES "public"."poles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_intake_user_id_users_id_fk" FOREIGN KEY ("intake_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_duplicate_of_id_reports_id_fk" FOREIGN KEY ("duplicate_of_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reports_pole_created_idx" ON "reports" USING btree ("pole_id","created_at","id");--> statement-breakpoint
CREATE INDEX "reports_assignee_idx" ON "reports" USING btree ("assignee_user_id");--> statement-breakpoint
CREATE INDEX "reports_duplicate_of_idx" ON "reports" USING btree ("duplicate_of_id");--> statement-breakpoint
-- Existing history: the free-text actor becomes a typed one (no staff account existed before this migration), the
-- report's pôle is recorded on each entry, and a follower's arrival, once a public note, gets its own kind.
UPDATE "report_events" SET "actor_type" = CASE WHEN "actor_label" LIKE 'Usager%' THEN 'resident'::"actor_type" ELSE 'system'::"actor_type" END;--> statement-breakpoint
UPDATE "report_events" e SET "pole_id" = coalesce(e."to_pole_id", r."pole_id") FROM "reports" r WHERE r."id" = e."report_id";--> statement-breakpoint
UPDATE "report_events" SET "kind" = 'follower_added', "reason" = NULL WHERE "kind" = 'note' AND "is_public" AND "actor_label" = 'Usager';--> statement-breakpoint
ALTER TABLE "report_events" ALTER COLUMN "actor_type" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "report_events" ALTER COLUMN "pole_id" SET NOT NULL;--> statement-breakpoint
UPDATE "reports" r SET "acknowledged_at" = (SELECT min(e."created_at") FROM "report_events" e WHERE e."report_id" = r."id" AND e."to_state" = 'acknowledged');--> statement-breakpoint
ALTER TABLE "report_events" DROP COLUMN "actor_label";--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_kind_known" CHECK ("report_events"."kind" in ('created', 'state_changed', 'reopened', 'severity_changed', 'assigned', 'planned', 'transferred', 'relocated', 'duplicate_linked', 'follower_added', 'note', 'comment', 'contact_erased'));--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_actor_typed" CHECK (("report_events"."actor_type" = 'staff') = ("report_events"."actor_user_id" is not null and "report_events"."actor_role" is not null));--> statement-breakpoint
ALTER TABLE "report_states" ADD CONSTRAINT "report_states_key_known" CHECK ("report_states"."key" in ('new', 'acknowledged', 'in_progress', 'reopened', 'resolved', 'rejected', 'duplicate'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_email_lower" CHECK ("users"."email" = lower("users"."email"));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_pole_scope" CHECK (("users"."role" = 'pole_manager') = ("users"."pole_id" is not null));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_commune_scope" CHECK (("users"."role" = 'town_hall_agent') = ("users"."commune_insee" is not null));--> statement-breakpoint
DROP TYPE "public"."event_kind";
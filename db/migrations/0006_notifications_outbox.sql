CREATE TYPE "public"."notification_channel" AS ENUM('email', 'post');--> statement-breakpoint
CREATE TABLE "letter_batches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "letter_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"pole_id" text NOT NULL,
	"letter_count" integer NOT NULL,
	"created_by_user_id" integer NOT NULL,
	"posted_at" timestamp with time zone,
	"posted_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"channel" "notification_channel" NOT NULL,
	"report_id" bigint NOT NULL,
	"event_id" bigint,
	"recipient_report_id" bigint NOT NULL,
	"follower_id" bigint,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"subject" text,
	"batch_id" bigint,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_messages_kind_known" CHECK ("outbox_messages"."kind" in ('acknowledgement', 'follow_acknowledgement', 'transfer', 'duplicate', 'reopening', 'resolution', 'rejection')),
	CONSTRAINT "outbox_messages_status_known" CHECK ("outbox_messages"."status" in ('pending', 'sending', 'sent', 'failed', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "report_events" DROP CONSTRAINT "report_events_kind_known";--> statement-breakpoint
ALTER TABLE "letter_batches" ADD CONSTRAINT "letter_batches_pole_id_poles_id_fk" FOREIGN KEY ("pole_id") REFERENCES "public"."poles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_batches" ADD CONSTRAINT "letter_batches_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_batches" ADD CONSTRAINT "letter_batches_posted_by_user_id_users_id_fk" FOREIGN KEY ("posted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_event_id_report_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."report_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_recipient_report_id_reports_id_fk" FOREIGN KEY ("recipient_report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_follower_id_report_followers_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."report_followers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_batch_id_letter_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."letter_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "letter_batches_pole_idx" ON "letter_batches" USING btree ("pole_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_due_idx" ON "outbox_messages" USING btree ("next_attempt_at","id") WHERE "outbox_messages"."channel" = 'email' and "outbox_messages"."status" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "outbox_messages_print_idx" ON "outbox_messages" USING btree ("batch_id","id") WHERE "outbox_messages"."channel" = 'post' and "outbox_messages"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_messages_report_idx" ON "outbox_messages" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "outbox_messages_recipient_idx" ON "outbox_messages" USING btree ("recipient_report_id");--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_kind_known" CHECK ("report_events"."kind" in ('created', 'state_changed', 'reopened', 'severity_changed', 'assigned', 'planned', 'transferred', 'relocated', 'duplicate_linked', 'follower_added', 'note', 'comment', 'contact_erased', 'letter_posted'));
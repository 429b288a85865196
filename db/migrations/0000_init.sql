CREATE TYPE "public"."channel" AS ENUM('web', 'phone', 'counter', 'api');--> statement-breakpoint
CREATE TYPE "public"."event_kind" AS ENUM('created', 'state_changed', 'note', 'transferred', 'assigned', 'reopened', 'contact_erased');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'pole_manager', 'call_centre_agent', 'town_hall_agent', 'elected');--> statement-breakpoint
CREATE TYPE "public"."severity" AS ENUM('high', 'medium', 'low');--> statement-breakpoint
CREATE TYPE "public"."state_type" AS ENUM('open', 'resolved', 'closed');--> statement-breakpoint
CREATE TABLE "categories" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"color" text NOT NULL,
	"icon" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"default_severity" "severity" DEFAULT 'medium' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "categories_slug_format" CHECK ("categories"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "categories_color_format" CHECK ("categories"."color" ~ '^#[0-9a-f]{6}$')
);
--> statement-breakpoint
CREATE TABLE "communes" (
	"insee" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"pole_id" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "communes_insee_format" CHECK ("communes"."insee" ~ '^[0-9][0-9AB][0-9]{3}$')
);
--> statement-breakpoint
CREATE TABLE "poles" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"color" text NOT NULL,
	"address" text,
	"is_assumption" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" bigint NOT NULL,
	"kind" "event_kind" NOT NULL,
	"actor_user_id" integer,
	"actor_label" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"from_pole_id" text,
	"to_pole_id" text,
	"reason" text,
	"is_public" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_states" (
	"key" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"type" "state_type" NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"reference" text NOT NULL,
	"category_slug" text NOT NULL,
	"description" text NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"address" text,
	"commune_insee" text NOT NULL,
	"pole_id" text NOT NULL,
	"channel" "channel" NOT NULL,
	"state_key" text NOT NULL,
	"severity" "severity" NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"is_near_border" boolean DEFAULT false NOT NULL,
	"reporter_name" text,
	"reporter_email" text,
	"reporter_phone" text,
	"reporter_address" text,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "reports_reference_unique" UNIQUE("reference"),
	CONSTRAINT "reports_idempotencyKey_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "reports_reference_format" CHECK ("reports"."reference" ~ '^PC-[0-9]{4}-[0-9]{6}$'),
	CONSTRAINT "reports_lon_range" CHECK ("reports"."lon" between -180 and 180),
	CONSTRAINT "reports_lat_range" CHECK ("reports"."lat" between -90 and 90)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"pole_id" text,
	"commune_insee" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "communes" ADD CONSTRAINT "communes_pole_id_poles_id_fk" FOREIGN KEY ("pole_id") REFERENCES "public"."poles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_from_state_report_states_key_fk" FOREIGN KEY ("from_state") REFERENCES "public"."report_states"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_to_state_report_states_key_fk" FOREIGN KEY ("to_state") REFERENCES "public"."report_states"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_from_pole_id_poles_id_fk" FOREIGN KEY ("from_pole_id") REFERENCES "public"."poles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_to_pole_id_poles_id_fk" FOREIGN KEY ("to_pole_id") REFERENCES "public"."poles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_category_slug_categories_slug_fk" FOREIGN KEY ("category_slug") REFERENCES "public"."categories"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_commune_insee_communes_insee_fk" FOREIGN KEY ("commune_insee") REFERENCES "public"."communes"("insee") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_pole_id_poles_id_fk" FOREIGN KEY ("pole_id") REFERENCES "public"."poles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_state_key_report_states_key_fk" FOREIGN KEY ("state_key") REFERENCES "public"."report_states"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_pole_id_poles_id_fk" FOREIGN KEY ("pole_id") REFERENCES "public"."poles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_commune_insee_communes_insee_fk" FOREIGN KEY ("commune_insee") REFERENCES "public"."communes"("insee") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_events_report_idx" ON "report_events" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_lon_lat_idx" ON "reports" USING btree ("lon","lat");--> statement-breakpoint
CREATE INDEX "reports_pole_state_idx" ON "reports" USING btree ("pole_id","state_key");--> statement-breakpoint
CREATE INDEX "reports_category_idx" ON "reports" USING btree ("category_slug");
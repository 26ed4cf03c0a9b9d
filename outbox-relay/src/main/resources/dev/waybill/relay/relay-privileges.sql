-- The least the relay's role may do in one service's database, granted by a superuser (or
-- by the database's and outbox table's owner) connected to that database, once the
-- service's migrations have created outbox_event and outbox_capture:
--
--   psql -v ON_ERROR_STOP=1 -d orders -v relay=relay -v publication=waybill_orders \
--        -f relay-privileges.sql
--
-- relay: the role the relay connects as (LOGIN; REPLICATION for log capture only).
-- publication: the source's publication-name, waybill_<source name> by default.
--
-- The relay may then read the outbox, mark rows published (UPDATE of published_at alone:
-- it can neither insert, delete nor change an event) and keep its capture record. It
-- holds nothing on the business tables and is no member of the service's role. Running
-- the script again changes nothing. Another outbox table name, or another schema than
-- public, means changing the table names below.

-- only the owner (the service) and the relay reach the database; the owner keeps CONNECT
-- as the owner
REVOKE CONNECT, TEMPORARY ON DATABASE :"DBNAME" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"DBNAME" TO :"relay";

GRANT USAGE ON SCHEMA public TO :"relay";

-- read the events; mark them published (polling, and log capture taking over a backlog);
-- SELECT ... FOR UPDATE needs the UPDATE of one column, which this is
GRANT SELECT, UPDATE (published_at) ON public.outbox_event TO :"relay";

-- the capture record, which the services' cleanup reads; DELETE for lost-slot=REPUBLISH
GRANT SELECT, INSERT, UPDATE, DELETE ON public.outbox_capture TO :"relay";

-- Log capture decodes through a publication of the outbox table, inserts only. Creating
-- one takes the table's owner, so the owner's side creates it here, and the relay only
-- checks it. A publication that exists already is left as it is.
SELECT set_config('waybill.publication', :'publication', false);
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_publication WHERE pubname = current_setting('waybill.publication')) THEN
    EXECUTE format('CREATE PUBLICATION %I FOR TABLE public.outbox_event WITH (publish = %L)',
                   current_setting('waybill.publication'), 'insert');
  END IF;
END $$;

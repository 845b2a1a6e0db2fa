-- Every server hears at once when a run ends, whichever server ended it: a request waiting for the run
-- (wait=true, cancel, delete) is released by this notification instead of polling the row.
CREATE FUNCTION notify_run_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('sandpod_run_ended', NEW.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER run_ended AFTER UPDATE OF state ON runs FOR EACH ROW
    WHEN (NEW.state IN ('COMPLETED', 'FAILED', 'CANCELLED') AND OLD.state IS DISTINCT FROM NEW.state)
    EXECUTE FUNCTION notify_run_ended();

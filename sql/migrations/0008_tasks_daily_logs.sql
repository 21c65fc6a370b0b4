-- Tasks (a project's schedule) and daily logs with their crew rows. A task's
-- predecessor is a task of the same project: the foreign key goes through
-- (org_id, project_id, id), so not even a bug can link two projects'
-- schedules. Cycles are refused by the code (a walk up the chain, with the
-- project locked); a task cannot name itself here either.

CREATE TABLE tasks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  project_id bigint NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) >= 1 AND length(name) <= 200),
  start_date date,
  end_date date CHECK (end_date >= start_date),
  assignee_party_id bigint,
  predecessor_id bigint CHECK (predecessor_id <> id),
  percent_complete integer NOT NULL DEFAULT 0 CHECK (percent_complete BETWEEN 0 AND 100),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  UNIQUE (org_id, project_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id),
  FOREIGN KEY (org_id, assignee_party_id) REFERENCES parties (org_id, id),
  FOREIGN KEY (org_id, project_id, predecessor_id) REFERENCES tasks (org_id, project_id, id)
);
CREATE INDEX tasks_project ON tasks (org_id, project_id, id);
CREATE INDEX tasks_predecessor ON tasks (org_id, predecessor_id);

CREATE TABLE daily_logs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  project_id bigint NOT NULL,
  log_date date NOT NULL,
  weather text NOT NULL DEFAULT '' CHECK (length(weather) <= 200),
  temp_high_c integer CHECK (temp_high_c BETWEEN -60 AND 60),
  temp_low_c integer CHECK (temp_low_c BETWEEN -60 AND 60 AND temp_low_c <= temp_high_c),
  work_performed text NOT NULL DEFAULT '' CHECK (length(work_performed) <= 10000),
  delays text NOT NULL DEFAULT '' CHECK (length(delays) <= 10000),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
  submitted_at timestamptz CHECK ((status = 'submitted') = (submitted_at IS NOT NULL)),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id)
);
-- One log per project and day.
CREATE UNIQUE INDEX daily_logs_day_key ON daily_logs (org_id, project_id, log_date);

CREATE TABLE daily_log_crew (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  daily_log_id bigint NOT NULL,
  position integer NOT NULL CHECK (position >= 1),
  party_id bigint,
  trade text NOT NULL CHECK (length(btrim(trade)) >= 1 AND length(trade) <= 100),
  headcount integer NOT NULL CHECK (headcount BETWEEN 1 AND 1000),
  hours numeric(9, 3) NOT NULL CHECK (hours >= 0 AND hours <= 24 * headcount),
  UNIQUE (org_id, id),
  UNIQUE (org_id, daily_log_id, position),
  FOREIGN KEY (org_id, daily_log_id) REFERENCES daily_logs (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, party_id) REFERENCES parties (org_id, id)
);

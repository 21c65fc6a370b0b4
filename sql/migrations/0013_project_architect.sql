-- A project names its architect, as it names its client: a party of the
-- organisation (the composite key keeps it the organisation's), of kind
-- architect (checked by operations/projects.cpp, as the client's kind is).
-- A pay application goes to the architect, and the G702 names them on its
-- "Via architect" line.
ALTER TABLE projects ADD COLUMN architect_id bigint,
  ADD FOREIGN KEY (org_id, architect_id) REFERENCES parties (org_id, id);
-- A party's deletion looks for the projects that name it.
CREATE INDEX projects_org_architect ON projects (org_id, architect_id)
  WHERE architect_id IS NOT NULL;

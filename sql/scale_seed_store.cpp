#include "sql/scale_seed_store.hpp"

#include <array>
#include <string_view>

namespace construction::sql {
namespace {

// The generator, run once per organisation after scale_run holds its shape.
// Temporary tables carry each document's shape (scale_projects,
// scale_estimate_lines…) so that a document's totals are summed from the
// very lines inserted; ids are read back by each document's natural key.
// Money follows domain/: cost = quantity x unit cost and price = cost x
// (1 + markup), rounded half away from zero as numeric round() does; the
// schedule of values is one line per cost code then the tax, as accepting
// builds it; G703 lines are the same percentage of each scheduled value,
// truncated toward zero as a bill never rounds up, with retainage per line.
constexpr std::string_view kScript = R"sql(
-- Without statistics a temporary table looks large to the planner, whose
-- cost estimates then pass jit_above_cost: compiling each statement took
-- longer (about a second) than running it at factor 1.
SET LOCAL jit = off;
-- The history is loaded as it stands: the projects' change counters
-- (migration 0019) count the changes made after it, when a worker may have
-- kept a project's figures; none has yet. Their triggers would update a
-- project's row for every counted line inserted (a hundred thousand at
-- ×100), tripling the seed's time. Disabled in this transaction only, as
-- the tables' owner (the seed loads an empty database), and enabled again
-- at its end.
ALTER TABLE projects DISABLE TRIGGER projects_costs_version;
ALTER TABLE budget_transfers DISABLE TRIGGER budget_transfers_costs_version;
ALTER TABLE estimates DISABLE TRIGGER estimates_costs_version;
ALTER TABLE change_orders DISABLE TRIGGER change_orders_costs_version;
ALTER TABLE commitments DISABLE TRIGGER commitments_costs_version;
ALTER TABLE vendor_bills DISABLE TRIGGER vendor_bills_costs_version;
ALTER TABLE estimate_lines DISABLE TRIGGER estimate_lines_costs_version;
ALTER TABLE change_order_lines DISABLE TRIGGER change_order_lines_costs_version;
ALTER TABLE commitment_lines DISABLE TRIGGER commitment_lines_costs_version;
ALTER TABLE vendor_bill_lines DISABLE TRIGGER vendor_bill_lines_costs_version;
-- Deterministic pseudo-random: a Lehmer generator over (a, b, seed).
CREATE FUNCTION pg_temp.h(a bigint, b bigint, s bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
  SELECT ((((abs(a * 1103515245 + b * 2654435 + s * 97531) % 2147483647) + 1) * 48271
           % 2147483647) * 48271) % 2147483647
$$;

CREATE TEMP TABLE scale_catalog ON COMMIT DROP AS
SELECT row_number() OVER () - 1 AS k, * FROM (VALUES
  ('01-100', 'labor', 'Project supervision', 'hr', 6500, 3500),
  ('01-310', 'labor', 'Project management and coordination', 'hr', 7200, 2500),
  ('01-500', 'other', 'Temporary protection, clean-up and dumpsters', 'ls', 85000, 1500),
  ('02-220', 'labor', 'Selective demolition and haul-off', 'hr', 4800, 3500),
  ('03-300', 'subcontract', 'Cast-in-place concrete footings and slab', 'cy', 24500, 1200),
  ('04-200', 'subcontract', 'Concrete masonry units', 'sf', 1850, 1200),
  ('05-120', 'material', 'Structural steel beams and posts', 'lb', 310, 1500),
  ('06-100', 'labor', 'Rough framing and blocking', 'hr', 5500, 3500),
  ('06-100', 'material', 'Framing lumber and hardware', 'bf', 145, 2000),
  ('06-400', 'material', 'Shaker cabinets', 'lf', 38500, 2000),
  ('06-400', 'labor', 'Cabinet installation', 'hr', 5500, 3500),
  ('06-600', 'subcontract', 'Quartz countertops, template and install', 'sf', 9650, 1500),
  ('07-210', 'material', 'Batt and blown insulation', 'sf', 165, 2000),
  ('07-310', 'subcontract', 'Asphalt shingle roofing', 'sq', 42000, 1500),
  ('07-620', 'material', 'Flashing and sheet metal', 'lf', 1200, 2000),
  ('08-140', 'material', 'Solid-core wood doors, frames and hardware', 'ea', 86500, 1500),
  ('08-500', 'material', 'Vinyl windows', 'ea', 64000, 1500),
  ('09-210', 'subcontract', 'Metal stud partitions and gypsum board', 'sf', 685, 1000),
  ('09-250', 'subcontract', 'Drywall hang, tape and finish', 'sf', 285, 1500),
  ('09-300', 'material', 'Tile and setting materials', 'sf', 2160, 2500),
  ('09-510', 'subcontract', 'Acoustical ceiling grid and tile', 'sf', 435, 1000),
  ('09-650', 'subcontract', 'Luxury vinyl plank flooring', 'sf', 1240, 1500),
  ('09-680', 'subcontract', 'Carpet tile, rubber base and transitions', 'sf', 540, 1000),
  ('09-910', 'subcontract', 'Paint walls, ceilings and trim', 'sf', 95, 1000),
  ('10-280', 'material', 'Toilet accessories', 'ea', 9800, 2000),
  ('22-400', 'subcontract', 'Plumbing fixtures and rough-in', 'ea', 68000, 1200),
  ('23-300', 'subcontract', 'HVAC ductwork and diffusers', 'lf', 4200, 1200),
  ('26-050', 'subcontract', 'Lighting, power and data: rough-in and trim', 'sf', 1125, 1000),
  ('31-200', 'equipment', 'Excavator and compactor rental', 'day', 68000, 1000),
  ('32-120', 'subcontract', 'Asphalt paving and striping', 'sy', 3800, 1200)
) AS c (cost_code, cost_type, description, unit, unit_cost_cents, markup_bps);
-- Commitments and bills draw from one kind of line: k_of_type counts within
-- the cost type.
ALTER TABLE scale_catalog ADD COLUMN k_of_type bigint, ADD COLUMN of_type bigint;
UPDATE scale_catalog c SET k_of_type = x.r, of_type = x.total
FROM (SELECT k, row_number() OVER (PARTITION BY cost_type ORDER BY k) - 1 AS r,
             count(*) OVER (PARTITION BY cost_type) AS total FROM scale_catalog) x
WHERE x.k = c.k;

-- Parties: clients, architects, subcontractors, vendors.
CREATE TEMP TABLE scale_parties ON COMMIT DROP AS
SELECT kind, k, NULL::bigint AS id, name FROM (
  SELECT 'client' AS kind, g AS k,
         (ARRAY['Harper', 'Okafor', 'Lindgren', 'Nakamura', 'Brennan', 'Castillo', 'Whitfield',
                'Moreau', 'Sato', 'Delgado', 'Fischer', 'Abernathy', 'Quinlan', 'Varga', 'Oyelaran',
                'Petrov'])[1 + g % 16] ||
         (ARRAY[' family', ' Holdings LLC', ' Dental Group', ' Properties', ' & Partners LLP',
                ' Trust', ' Medical PC', ' Foods Inc.'])[1 + (g / 16) % 8] ||
         CASE WHEN g >= 128 THEN ' ' || (g / 128 + 1)::text ELSE '' END AS name
  FROM scale_run, generate_series(0, greatest(4, projects / 2) - 1) g
  UNION ALL
  SELECT 'architect', g, (ARRAY['Lindqvist', 'Arcadia', 'Northlight', 'Fernhill', 'Basalt',
                                'Quarry', 'Meridian', 'Alder'])[1 + g % 8] || ' Architecture ' ||
                         (g + 1)::text
  FROM scale_run, generate_series(0, greatest(2, projects / 100) - 1) g
  UNION ALL
  SELECT 'subcontractor', g, (ARRAY['Summit Drywall & Paint', 'Brightline Electric',
                                    'Riverbend Plumbing', 'Cascade Mechanical', 'Ironwood Concrete',
                                    'Keystone Roofing', 'Evergreen Flooring', 'Granite Countertops',
                                    'Pioneer Masonry', 'Westside Paving'])[1 + g % 10] ||
                             CASE WHEN g >= 10 THEN ' ' || (g / 10 + 1)::text ELSE '' END
  FROM scale_run, generate_series(0, greatest(6, projects / 40) - 1) g
  UNION ALL
  SELECT 'vendor', g, (ARRAY['Cedar Supply Co.', 'Hillside Lumber', 'Metro Tile Warehouse',
                             'Columbia Rentals', 'Harbor Door & Window', 'Apex Insulation Supply'])
                      [1 + g % 6] || CASE WHEN g >= 6 THEN ' ' || (g / 6 + 1)::text ELSE '' END
  FROM scale_run, generate_series(0, greatest(4, projects / 60) - 1) g
) p;

INSERT INTO parties (org_id, kind, name, email, phone, address)
SELECT r.org_id, p.kind, p.name,
       'office' || p.k || '@' || p.kind || '.example',
       '(503) 555-' || lpad(((p.k * 37 + length(p.kind)) % 10000)::text, 4, '0'),
       (100 + p.k)::text || ' ' || p.kind || ' St, Portland, OR 972' || lpad((p.k % 40)::text, 2, '0')
FROM scale_parties p, scale_run r
ORDER BY p.kind, p.k;
UPDATE scale_parties s SET id = p.id
FROM parties p, scale_run r
WHERE p.org_id = r.org_id AND p.kind = s.kind AND p.name = s.name;
CREATE INDEX ON scale_parties (kind, k);
ANALYZE scale_parties;
CREATE TEMP TABLE scale_kinds ON COMMIT DROP AS
SELECT count(*) FILTER (WHERE kind = 'client') AS clients,
       count(*) FILTER (WHERE kind = 'architect') AS architects,
       count(*) FILTER (WHERE kind = 'subcontractor') AS subcontractors,
       count(*) FILTER (WHERE kind = 'vendor') AS vendors
FROM scale_parties;

-- Projects in the order they were won: the closed history, then the
-- cancelled, the substantially complete, the active, the ones being
-- estimated and the leads.
CREATE TEMP TABLE scale_projects ON COMMIT DROP AS
WITH shape AS (
  SELECT r.*, greatest(1, r.projects / 40) AS leads, greatest(1, r.projects / 40) AS estimating,
         greatest(1, r.projects / 40) AS cancelled, greatest(1, r.projects / 20) AS finishing
  FROM scale_run r
), numbered AS (
  SELECT s.*, n,
         s.projects - s.leads - s.estimating - s.active - s.finishing - s.cancelled AS closed_count
  FROM shape s, generate_series(1, s.projects) n
)
SELECT n,
       CASE WHEN n <= closed_count THEN 'closed'
            WHEN n <= closed_count + cancelled THEN 'cancelled'
            WHEN n <= closed_count + cancelled + finishing THEN 'substantially_complete'
            WHEN n <= closed_count + cancelled + finishing + active THEN 'active'
            WHEN n <= closed_count + cancelled + finishing + active + estimating THEN 'estimating'
            ELSE 'lead' END AS status,
       n % 3 <> 0 AS commercial,
       closed_count, seed, anchor, org_id,
       (4 + pg_temp.h(n, 1, seed) % 6)::int AS months,
       (30 + pg_temp.h(n, 2, seed) % 37)::int AS lines,
       NULL::bigint AS id, NULL::date AS start_date, NULL::date AS completion_date,
       NULL::bigint AS client_id, NULL::bigint AS architect_id
FROM numbered;

UPDATE scale_projects p SET
  start_date = CASE
    WHEN status = 'closed' THEN anchor - 1825 + ((n - 1) * 1400 / greatest(1, closed_count))::int
    WHEN status = 'cancelled' THEN anchor - 420 + (n % 60)::int
    WHEN status = 'substantially_complete' THEN anchor - (months * 30 + 40 + pg_temp.h(n, 3, seed) % 30)::int
    WHEN status = 'active' THEN anchor - (months * 30 + 10 + pg_temp.h(n, 3, seed) % 20)::int
    ELSE anchor + (30 + pg_temp.h(n, 3, seed) % 90)::int END,
  client_id = (SELECT id FROM scale_parties, scale_kinds WHERE kind = 'client' AND k = p.n % clients),
  architect_id = CASE WHEN commercial THEN
    (SELECT id FROM scale_parties, scale_kinds WHERE kind = 'architect' AND k = p.n % architects) END;
UPDATE scale_projects SET completion_date = start_date + CASE
    WHEN status = 'active' THEN (months * 50 + 60)::int
    ELSE (months * 30 + 15 + pg_temp.h(n, 4, seed) % 20)::int END;

INSERT INTO projects (org_id, number, name, client_id, site_address, status, retainage_work_bps,
                      retainage_stored_bps, start_date, completion_date, architect_id)
SELECT org_id,
       extract(year FROM start_date)::text || '-' || lpad(n::text, 4, '0'),
       CASE WHEN commercial THEN
         (ARRAY['Riverside', 'Northwind', 'Alder Street', 'Harbor View', 'Lloyd Center',
                'Pearl District', 'Hawthorne', 'Belmont', 'Sellwood', 'Kenton', 'Foster',
                'Montavilla'])[1 + pg_temp.h(n, 5, seed) % 12] || ' ' ||
         (ARRAY['office fit-out', 'clinic tenant improvement', 'retail build-out',
                'warehouse expansion', 'restaurant remodel', 'school gym renovation',
                'library refresh', 'dental office'])[1 + pg_temp.h(n, 6, seed) % 8]
       ELSE
         (ARRAY['Harper', 'Okafor', 'Lindgren', 'Nakamura', 'Brennan', 'Castillo', 'Whitfield',
                'Moreau', 'Sato', 'Delgado', 'Fischer', 'Abernathy'])[1 + pg_temp.h(n, 5, seed) % 12]
         || ' ' ||
         (ARRAY['kitchen remodel', 'bathroom addition', 'basement finish', 'deck and porch',
                'whole-house renovation', 'garage conversion'])[1 + pg_temp.h(n, 6, seed) % 6]
       END,
       client_id,
       (100 + pg_temp.h(n, 7, seed) % 9800)::text || ' ' ||
         (ARRAY['NE Alameda St', 'SW 5th Ave', 'SE Division St', 'N Williams Ave',
                'NW 23rd Ave', 'SE Hawthorne Blvd'])[1 + n % 6] || ', Portland, OR',
       status,
       CASE WHEN commercial THEN 500 + 500 * (n % 2)::int ELSE 0 END,
       CASE WHEN commercial THEN 500 + 500 * (n % 2)::int ELSE 0 END,
       start_date, completion_date, architect_id
FROM scale_projects ORDER BY n;
UPDATE scale_projects s SET id = p.id FROM projects p
WHERE p.org_id = s.org_id AND lower(p.number) = lower(
      extract(year FROM s.start_date)::text || '-' || lpad(s.n::text, 4, '0'));
CREATE UNIQUE INDEX ON scale_projects (n);
ANALYZE scale_projects;

-- Estimates: the accepted one of each contracted project, a sent one on a
-- project being estimated, a declined one on a cancelled project, and on
-- each active project a draft of about 50 lines.
CREATE TEMP TABLE scale_estimates ON COMMIT DROP AS
SELECT p.n, p.id AS project_id, p.org_id, p.seed, e.number, e.status, e.lines,
       CASE WHEN p.commercial THEN 0 ELSE 800 END AS tax_bps,
       NULL::bigint AS id
FROM scale_projects p
CROSS JOIN LATERAL (
  SELECT 'EST-001' AS number,
         CASE p.status WHEN 'estimating' THEN 'sent' WHEN 'cancelled' THEN 'declined'
                       ELSE 'accepted' END AS status,
         p.lines
  WHERE p.status <> 'lead'
  UNION ALL
  SELECT 'EST-002', 'draft', 45 + pg_temp.h(p.n, 8, p.seed) % 11 WHERE p.status = 'active'
) e;

CREATE TEMP TABLE scale_estimate_lines ON COMMIT DROP AS
WITH raw AS (
  SELECT e.n, e.number, j AS position, c.*,
         -- thousandths: whole units, or a quarter-unit for square feet
         (1 + pg_temp.h(e.n * 100 + j, length(e.number), e.seed) % 400) * 1000
           + CASE WHEN c.unit = 'sf' THEN 250 * (j % 4) ELSE 0 END AS quantity_thousandths,
         c.cost_type = 'material' AND e.tax_bps > 0 AS taxable
  FROM scale_estimates e CROSS JOIN generate_series(1, e.lines) j
  JOIN scale_catalog c ON c.k = pg_temp.h(e.n * 100 + j, 9 + length(e.number), e.seed) % 30
), costed AS (
  SELECT *, round(quantity_thousandths::numeric * unit_cost_cents / 1000)::bigint AS cost_cents
  FROM raw
)
SELECT *, round(cost_cents::numeric * (10000 + markup_bps) / 10000)::bigint AS price_cents
FROM costed;
ANALYZE scale_estimates;
ANALYZE scale_estimate_lines;

INSERT INTO estimates (org_id, project_id, number, title, status, valid_until, tax_bps,
                       cost_cents, subtotal_cents, tax_cents, total_cents, margin_bps)
SELECT e.org_id, e.project_id, e.number,
       CASE e.number WHEN 'EST-001' THEN 'Base scope' ELSE 'Phase 2 scope' END,
       e.status, NULL, e.tax_bps, t.cost, t.subtotal, t.tax, t.subtotal + t.tax,
       CASE WHEN t.subtotal = 0 THEN 0
            ELSE round((t.subtotal - t.cost)::numeric * 10000 / t.subtotal)::int END
FROM scale_estimates e
JOIN (
  SELECT l.n, l.number, sum(l.cost_cents)::bigint AS cost, sum(l.price_cents)::bigint AS subtotal,
         round(coalesce(sum(l.price_cents) FILTER (WHERE l.taxable), 0)::numeric * max(e.tax_bps)
               / 10000)::bigint AS tax
  FROM scale_estimate_lines l JOIN scale_estimates e ON e.n = l.n AND e.number = l.number
  GROUP BY l.n, l.number
) t ON t.n = e.n AND t.number = e.number
ORDER BY e.n, e.number;
UPDATE scale_estimates s SET id = e.id FROM estimates e
WHERE e.org_id = s.org_id AND e.project_id = s.project_id AND e.number = s.number;

INSERT INTO estimate_lines (org_id, estimate_id, position, cost_code, cost_type, description,
                            quantity, unit, unit_cost_cents, markup_bps, taxable, cost_cents,
                            price_cents)
SELECT e.org_id, e.id, l.position, l.cost_code, l.cost_type, l.description,
       l.quantity_thousandths / 1000.0, l.unit, l.unit_cost_cents, l.markup_bps, l.taxable,
       l.cost_cents, l.price_cents
FROM scale_estimate_lines l JOIN scale_estimates e ON e.n = l.n AND e.number = l.number
ORDER BY e.id, l.position;

UPDATE projects p SET original_contract_sum_cents = e.total_cents
FROM estimates e, scale_run r
WHERE e.org_id = r.org_id AND p.org_id = r.org_id AND e.project_id = p.id AND e.status = 'accepted';

-- The schedule of values, as accepting builds it: one line per cost code in
-- code order, then the sales tax.
INSERT INTO schedule_of_values_lines (org_id, project_id, item_no, description,
                                      scheduled_value_cents, estimate_id)
SELECT org_id, project_id, row_number() OVER (PARTITION BY project_id ORDER BY sort_key),
       description, value, estimate_id
FROM (
  SELECT e.org_id, e.project_id, e.id AS estimate_id, l.cost_code AS sort_key,
         l.cost_code || ' ' || string_agg(l.description, '; ' ORDER BY l.position) AS description,
         sum(l.price_cents)::bigint AS value
  FROM scale_estimates e JOIN scale_estimate_lines l ON l.n = e.n AND l.number = e.number
  WHERE e.status = 'accepted'
  GROUP BY e.org_id, e.project_id, e.id, l.cost_code
  UNION ALL
  SELECT e.org_id, e.project_id, e.id, '~tax', 'Sales tax', x.tax_cents
  FROM scale_estimates e JOIN estimates x ON x.id = e.id
  WHERE e.status = 'accepted' AND x.tax_cents <> 0
) s
ORDER BY project_id, sort_key;

-- Change orders on contracted projects: mostly approved early in the job
-- (before the first pay application), a few rejected or void, and on an
-- active project one still pending. Some are credits.
CREATE TEMP TABLE scale_change_orders ON COMMIT DROP AS
SELECT p.n, p.id AS project_id, p.org_id, p.seed, p.start_date, j,
       'CO-' || lpad(j::text, 3, '0') AS number,
       CASE WHEN p.status = 'active' AND j = c.count THEN 'pending'
            WHEN pg_temp.h(p.n * 10 + j, 11, p.seed) % 10 = 0 THEN 'rejected'
            WHEN pg_temp.h(p.n * 10 + j, 11, p.seed) % 10 = 1 THEN 'void'
            ELSE 'approved' END AS status,
       pg_temp.h(p.n * 10 + j, 12, p.seed) % 7 = 0 AS credit,
       1 + pg_temp.h(p.n * 10 + j, 13, p.seed) % 2 AS lines,
       NULL::bigint AS id, NULL::bigint AS amount_cents
FROM scale_projects p
CROSS JOIN LATERAL (SELECT (pg_temp.h(p.n, 10, p.seed) % 6
                            + CASE WHEN p.status = 'active' THEN 1 ELSE 0 END)::int AS count) c
CROSS JOIN LATERAL generate_series(1, c.count) j
WHERE p.status IN ('closed', 'substantially_complete', 'active');

CREATE TEMP TABLE scale_change_order_lines ON COMMIT DROP AS
WITH raw AS (
  SELECT o.n, o.j, l AS position, c.cost_code, c.cost_type, c.unit, c.markup_bps,
         CASE WHEN o.credit THEN 'Credit: ' ELSE 'Added: ' END || lower(c.description) AS description,
         (CASE WHEN o.credit THEN -1 ELSE 1 END) * c.unit_cost_cents AS unit_cost_cents,
         (1 + pg_temp.h(o.n * 100 + o.j * 10 + l, 14, o.seed) % 40) * 1000 AS quantity_thousandths
  FROM scale_change_orders o CROSS JOIN generate_series(1, o.lines) l
  JOIN scale_catalog c ON c.k = pg_temp.h(o.n * 100 + o.j * 10 + l, 15, o.seed) % 30
), costed AS (
  SELECT *, round(quantity_thousandths::numeric * unit_cost_cents / 1000)::bigint AS cost_cents
  FROM raw
)
SELECT *, round(cost_cents::numeric * (10000 + markup_bps) / 10000)::bigint AS price_cents
FROM costed;

UPDATE scale_change_orders o SET amount_cents = t.amount
FROM (SELECT n, j, sum(price_cents)::bigint AS amount FROM scale_change_order_lines GROUP BY n, j) t
WHERE t.n = o.n AND t.j = o.j;
ANALYZE scale_change_orders;
ANALYZE scale_change_order_lines;

INSERT INTO change_orders (org_id, project_id, number, title, reason, status, days_delta,
                           amount_cents, approved_at)
SELECT org_id, project_id, number,
       (ARRAY['Owner-requested upgrade', 'Unforeseen condition behind the wall',
              'Revised finish schedule', 'Added outlets and data drops',
              'Structural repair found at demolition', 'Allowance reconciliation',
              'Code-required smoke detectors', 'Scope removed by the owner'])
         [1 + pg_temp.h(n * 10 + j, 16, seed) % 8],
       CASE WHEN credit THEN 'Credit to the owner' ELSE 'Requested in the field' END,
       status, (pg_temp.h(n * 10 + j, 17, seed) % 6)::int,
       amount_cents,
       CASE WHEN status = 'approved' THEN (start_date + 5 + j)::timestamptz + interval '10 hours' END
FROM scale_change_orders ORDER BY n, j;
UPDATE scale_change_orders s SET id = c.id FROM change_orders c
WHERE c.org_id = s.org_id AND c.project_id = s.project_id AND c.number = s.number;

INSERT INTO change_order_lines (org_id, change_order_id, position, cost_code, cost_type,
                                description, quantity, unit, unit_cost_cents, markup_bps,
                                cost_cents, price_cents)
SELECT o.org_id, o.id, l.position, l.cost_code, l.cost_type, l.description,
       l.quantity_thousandths / 1000.0, l.unit, l.unit_cost_cents, l.markup_bps, l.cost_cents,
       l.price_cents
FROM scale_change_order_lines l JOIN scale_change_orders o ON o.n = l.n AND o.j = l.j
ORDER BY o.id, l.position;

INSERT INTO schedule_of_values_lines (org_id, project_id, item_no, description,
                                      scheduled_value_cents, change_order_id)
SELECT o.org_id, o.project_id,
       (SELECT max(item_no) FROM schedule_of_values_lines s
        WHERE s.org_id = o.org_id AND s.project_id = o.project_id)
         + row_number() OVER (PARTITION BY o.project_id ORDER BY o.j),
       'Change order ' || o.number || ': ' || c.title, o.amount_cents, o.id
FROM scale_change_orders o JOIN change_orders c ON c.id = o.id
WHERE o.status = 'approved'
ORDER BY o.project_id, o.j;

-- Pay applications on commercial projects, one a month, every change order
-- already approved: closed projects billed to 100 %, substantially complete
-- ones to 95 %, active ones to 60 % so far with the last one still in the
-- office (draft or submitted) on two in three. Each certified at what was
-- due, so each one's previous certificates are the last one's earned less
-- retainage.
CREATE TEMP TABLE scale_pay_apps ON COMMIT DROP AS
SELECT p.n, p.id AS project_id, p.org_id, p.seed, k, p.months,
       CASE p.status WHEN 'closed' THEN 100 WHEN 'substantially_complete' THEN 95 ELSE 60 END
         AS final_pct,
       CASE WHEN p.status = 'active' AND k = p.months THEN
              (ARRAY['draft', 'submitted', 'certified'])[1 + pg_temp.h(p.n, 18, p.seed) % 3]
            ELSE 'certified' END AS status,
       p.start_date + 30 * k AS period_to,
       pr.retainage_work_bps AS bps, pr.original_contract_sum_cents AS original,
       NULL::bigint AS id
FROM scale_projects p JOIN projects pr ON pr.id = p.id
CROSS JOIN LATERAL generate_series(1, p.months) k
WHERE p.commercial AND p.status IN ('closed', 'substantially_complete', 'active');
ANALYZE scale_pay_apps;

CREATE TEMP TABLE scale_pay_app_lines ON COMMIT DROP AS
WITH figures AS (
  SELECT a.n, a.k, a.bps, s.id AS sov_line_id, s.item_no, s.description,
         s.scheduled_value_cents AS c,
         s.scheduled_value_cents * (a.final_pct * (a.k - 1) / a.months) / 100 AS d,
         s.scheduled_value_cents * (a.final_pct * a.k / a.months) / 100 AS g
  FROM scale_pay_apps a
  JOIN schedule_of_values_lines s ON s.org_id = a.org_id AND s.project_id = a.project_id
)
SELECT n, k, sov_line_id, item_no, description, c, d, g - d AS e, g,
       CASE WHEN c = 0 THEN 0 ELSE round(g::numeric * 10000 / c)::int END AS percent_bps,
       round(g::numeric * bps / 10000)::bigint AS retainage,
       round(d::numeric * bps / 10000)::bigint AS retainage_before
FROM figures;
ANALYZE scale_pay_app_lines;

INSERT INTO pay_applications (
  org_id, project_id, number, period_to, status, retainage_work_bps, retainage_stored_bps,
  original_contract_sum_cents, net_change_orders_cents, contract_sum_to_date_cents,
  completed_and_stored_to_date_cents, retainage_work_cents, retainage_stored_cents,
  retainage_cents, earned_less_retainage_cents, previous_certificates_cents,
  current_payment_due_cents, balance_to_finish_cents, certified_cents, submitted_at,
  certified_at)
SELECT a.org_id, a.project_id, a.k, a.period_to, a.status, a.bps, a.bps,
       a.original, t.scheduled - a.original, t.scheduled, t.completed, t.retainage, 0,
       t.retainage, t.completed - t.retainage, t.earned_before,
       t.completed - t.retainage - t.earned_before, t.scheduled - (t.completed - t.retainage),
       CASE WHEN a.status = 'certified' THEN t.completed - t.retainage - t.earned_before END,
       CASE WHEN a.status <> 'draft' THEN (a.period_to + 2)::timestamptz + interval '15 hours' END,
       CASE WHEN a.status = 'certified' THEN (a.period_to + 5)::timestamptz + interval '11 hours' END
FROM scale_pay_apps a
JOIN (
  SELECT l.n, l.k, sum(l.c)::bigint AS scheduled, sum(l.g)::bigint AS completed,
         sum(l.retainage)::bigint AS retainage, sum(l.d - l.retainage_before)::bigint AS earned_before
  FROM scale_pay_app_lines l GROUP BY l.n, l.k
) t ON t.n = a.n AND t.k = a.k
ORDER BY a.n, a.k;
UPDATE scale_pay_apps s SET id = p.id FROM pay_applications p
WHERE p.org_id = s.org_id AND p.project_id = s.project_id AND p.number = s.k;

INSERT INTO pay_application_lines (
  org_id, pay_application_id, sov_line_id, item_no, description, scheduled_value_cents,
  previous_cents, this_period_cents, stored_cents, completed_and_stored_cents,
  percent_complete_bps, balance_to_finish_cents, retainage_work_cents, retainage_stored_cents,
  retainage_cents)
SELECT a.org_id, a.id, l.sov_line_id, l.item_no, l.description, l.c, l.d, l.e, 0, l.g,
       l.percent_bps, l.c - l.g, l.retainage, 0, l.retainage
FROM scale_pay_app_lines l JOIN scale_pay_apps a ON a.n = l.n AND a.k = l.k
ORDER BY a.id, l.item_no;

-- Invoices: one from each certificate of a positive amount, as certifying
-- makes it (progress, net 30 from the certificate); on a homeowner's project
-- a deposit and progress invoices of the contract. Paid in full except on
-- active projects, where the latest is sent or partly paid.
CREATE TEMP TABLE scale_invoices ON COMMIT DROP AS
WITH certified AS (
  SELECT a.n, a.org_id, a.project_id, a.seed, a.k, a.id AS pay_application_id,
         p.certified_cents AS total, a.period_to + 5 AS issued_on, a.period_to,
         row_number() OVER (PARTITION BY a.n ORDER BY a.k DESC) AS from_last
  FROM scale_pay_apps a JOIN pay_applications p ON p.id = a.id
  WHERE p.status = 'certified' AND p.certified_cents > 0
), homeowner AS (
  SELECT p.n, p.org_id, p.id AS project_id, p.seed, i AS k, pr.status,
         CASE i WHEN 1 THEN contract / 10 WHEN 2 THEN contract / 2
                ELSE contract - contract / 10 - contract / 2 END AS total,
         CASE i WHEN 1 THEN p.start_date - 7
                WHEN 2 THEN least(p.start_date + (p.completion_date - p.start_date) / 2,
                                  p.anchor - 15)
                ELSE p.completion_date END AS issued_on,
         (CASE p.status WHEN 'active' THEN 2 ELSE 3 END) - i + 1 AS from_last
  FROM scale_projects p JOIN projects pr ON pr.id = p.id
  CROSS JOIN LATERAL (SELECT pr.original_contract_sum_cents
                        + coalesce((SELECT sum(scheduled_value_cents) FROM schedule_of_values_lines s
                                    WHERE s.org_id = p.org_id AND s.project_id = p.id
                                      AND s.change_order_id IS NOT NULL), 0) AS contract) c
  CROSS JOIN LATERAL generate_series(1, CASE p.status WHEN 'active' THEN 2 ELSE 3 END) i
  WHERE NOT p.commercial AND p.status IN ('closed', 'substantially_complete', 'active')
)
SELECT c.n, c.org_id, c.project_id, c.seed, c.k, 'progress' AS kind, c.pay_application_id,
       c.total, c.issued_on, c.issued_on + 30 AS due_date,
       'Pay application ' || c.k || ', period to ' || to_char(c.period_to, 'YYYY-MM-DD') AS notes,
       CASE WHEN sp.status = 'active' AND c.from_last = 1 THEN
              CASE WHEN pg_temp.h(c.n, 19, c.seed) % 2 = 0 THEN 'sent' ELSE 'partially_paid' END
            ELSE 'paid' END AS status,
       NULL::text AS number, NULL::bigint AS id
FROM certified c JOIN scale_projects sp ON sp.n = c.n
UNION ALL
SELECT h.n, h.org_id, h.project_id, h.seed, h.k, CASE h.k WHEN 1 THEN 'deposit' ELSE 'other' END,
       NULL, h.total, h.issued_on, h.issued_on + 14,
       CASE h.k WHEN 1 THEN 'Deposit: 10 % of the contract' ELSE 'Progress billing' END,
       CASE WHEN h.status <> 'closed' AND h.from_last = 1 THEN
              CASE WHEN pg_temp.h(h.n, 19, h.seed) % 2 = 0 THEN 'sent' ELSE 'partially_paid' END
            ELSE 'paid' END,
       NULL, NULL
FROM homeowner h WHERE h.total > 1;
UPDATE scale_invoices s SET number = x.number
FROM (SELECT n, k, 'INV-' || lpad(row_number() OVER (PARTITION BY n ORDER BY k)::text, 3, '0')
             AS number FROM scale_invoices) x
WHERE x.n = s.n AND x.k = s.k;

INSERT INTO invoices (org_id, project_id, number, kind, pay_application_id, status, issued_on,
                      due_date, total_cents, paid_cents, notes)
SELECT org_id, project_id, number, kind, pay_application_id, status, issued_on, due_date, total,
       CASE status WHEN 'paid' THEN total WHEN 'partially_paid' THEN total * 6 / 10 ELSE 0 END,
       notes
FROM scale_invoices ORDER BY n, k;
UPDATE scale_invoices s SET id = i.id FROM invoices i
WHERE i.org_id = s.org_id AND i.project_id = s.project_id AND i.number = s.number;

INSERT INTO payments (org_id, invoice_id, amount_cents, received_on, method, reference)
SELECT s.org_id, s.id, i.paid_cents,
       s.issued_on + 10 + (pg_temp.h(s.n * 10 + s.k, 20, s.seed) % 20)::int,
       (ARRAY['check', 'ach', 'wire'])[1 + pg_temp.h(s.n * 10 + s.k, 21, s.seed) % 3],
       'Remittance ' || (1000 + pg_temp.h(s.n * 10 + s.k, 22, s.seed) % 9000)::text
FROM scale_invoices s JOIN invoices i ON i.id = s.id
WHERE i.paid_cents > 0
ORDER BY s.id;

-- Job costing: two to four commitments on each contracted project (the last
-- a purchase order), billed an eighth at a time so approved bills stay
-- inside them, and direct bills from vendors, now and then a credit.
CREATE TEMP TABLE scale_commitments ON COMMIT DROP AS
SELECT p.n, p.id AS project_id, p.org_id, p.seed, p.status AS project_status, p.start_date, j,
       CASE WHEN j < c.count THEN 'subcontract' ELSE 'purchase_order' END AS kind,
       CASE WHEN j < c.count THEN 'SC-' || lpad(j::text, 3, '0') ELSE 'PO-001' END AS number,
       CASE WHEN j < c.count THEN 1000 ELSE 0 END AS retainage_bps,
       1 + pg_temp.h(p.n * 10 + j, 24, p.seed) % 2 AS lines,
       NULL::bigint AS party_id, NULL::bigint AS id
FROM scale_projects p
CROSS JOIN LATERAL (SELECT (2 + pg_temp.h(p.n, 23, p.seed) % 3)::int AS count) c
CROSS JOIN LATERAL generate_series(1, c.count) j
WHERE p.status IN ('closed', 'substantially_complete', 'active');
UPDATE scale_commitments c SET party_id = sp.id
FROM scale_parties sp, scale_kinds
WHERE sp.kind = CASE c.kind WHEN 'subcontract' THEN 'subcontractor' ELSE 'vendor' END
  AND sp.k = pg_temp.h(c.n * 10 + c.j, 25, c.seed)
             % CASE c.kind WHEN 'subcontract' THEN subcontractors ELSE vendors END;
ANALYZE scale_commitments;

-- A commitment buys what the estimate priced: its lines are the project's
-- subcontract lines (a purchase order's, its material and equipment), each
-- let at 90 to 110 % of the estimate's cost for that code, so a budget line
-- now and then runs over.
CREATE TEMP TABLE scale_budget_keys ON COMMIT DROP AS
SELECT e.n, CASE WHEN l.cost_type = 'subcontract' THEN 'subcontract' ELSE 'purchase_order' END
         AS kind,
       l.cost_code, l.cost_type, min(l.description) AS description, sum(l.cost_cents) AS cost,
       row_number() OVER (PARTITION BY e.n, l.cost_type = 'subcontract'
                          ORDER BY l.cost_code, l.cost_type) - 1 AS r,
       count(*) OVER (PARTITION BY e.n, l.cost_type = 'subcontract') AS of_kind
FROM scale_estimate_lines l JOIN scale_estimates e ON e.n = l.n AND e.number = l.number
WHERE e.status = 'accepted' AND l.cost_type IN ('subcontract', 'material', 'equipment')
GROUP BY e.n, l.cost_code, l.cost_type;
ANALYZE scale_budget_keys;

CREATE TEMP TABLE scale_commitment_lines ON COMMIT DROP AS
SELECT c.n, c.j, l, k.cost_code, k.cost_type, k.description,
       greatest(10000, k.cost * (90 + pg_temp.h(c.n * 100 + c.j * 10 + l, 26, c.seed) % 21) / 100)
         AS amount_cents
FROM scale_commitments c CROSS JOIN generate_series(1, c.lines) l
JOIN scale_budget_keys k ON k.n = c.n AND k.kind = c.kind
 AND k.r = ((c.j - 1) * 2 + l - 1) % k.of_kind;
-- A project whose estimate priced nothing of that kind lets no such
-- commitment (one without lines could not have been approved).
DELETE FROM scale_commitments c
WHERE NOT EXISTS (SELECT 1 FROM scale_commitment_lines l WHERE l.n = c.n AND l.j = c.j);

ANALYZE scale_commitment_lines;
INSERT INTO commitments (org_id, project_id, number, kind, party_id, title, status, retainage_bps,
                         amount_cents, approved_at)
SELECT c.org_id, c.project_id, c.number, c.kind, c.party_id, t.title,
       CASE WHEN c.project_status = 'closed' THEN 'closed' ELSE 'approved' END, c.retainage_bps,
       t.amount, (c.start_date + 3)::timestamptz + interval '9 hours'
FROM scale_commitments c
JOIN (SELECT n, j, min(description) FILTER (WHERE l = 1) AS title,
             sum(amount_cents)::bigint AS amount
      FROM scale_commitment_lines GROUP BY n, j) t ON t.n = c.n AND t.j = c.j
ORDER BY c.n, c.j;
UPDATE scale_commitments s SET id = c.id FROM commitments c
WHERE c.org_id = s.org_id AND c.project_id = s.project_id AND c.number = s.number;

INSERT INTO commitment_lines (org_id, commitment_id, cost_code, cost_type, description, amount_cents)
SELECT c.org_id, c.id, l.cost_code, l.cost_type, l.description, l.amount_cents
FROM scale_commitment_lines l JOIN scale_commitments c ON c.n = l.n AND c.j = l.j
ORDER BY c.id, l.l;

CREATE TEMP TABLE scale_bills ON COMMIT DROP AS
WITH against AS (
  SELECT c.n, c.j, b, c.party_id, c.id AS commitment_id, c.retainage_bps,
         CASE WHEN c.project_status = 'active' THEN 4 ELSE 7 END AS count
  FROM scale_commitments c
  CROSS JOIN LATERAL generate_series(1, CASE WHEN c.project_status = 'active' THEN 4 ELSE 7 END) b
), direct AS (
  SELECT p.n, 0 AS j, b,
         (SELECT id FROM scale_parties sp, scale_kinds WHERE sp.kind = 'vendor'
            AND sp.k = pg_temp.h(p.n * 100 + b, 28, p.seed) % vendors) AS party_id,
         NULL::bigint AS commitment_id, 0 AS retainage_bps,
         CASE WHEN p.status = 'active' THEN 8 ELSE 11 END AS count
  FROM scale_projects p
  CROSS JOIN LATERAL generate_series(1, CASE WHEN p.status = 'active' THEN 8 ELSE 11 END) b
  WHERE p.status IN ('closed', 'substantially_complete', 'active')
), bills AS (SELECT * FROM against UNION ALL SELECT * FROM direct)
SELECT b.*, p.id AS project_id, p.org_id, p.seed, p.status AS project_status,
       p.start_date + ((least(p.completion_date, p.anchor - 1) - p.start_date) * b.b / (b.count + 1)
                       + b.j * 2)::int AS bill_date,
       p.anchor,
       NULL::text AS number, NULL::text AS status, NULL::bigint AS id
FROM bills b JOIN scale_projects p ON p.n = b.n;
UPDATE scale_bills s SET number = 'B-' || lpad(x.seq::text, 6, '0')
FROM (SELECT n, j, b, row_number() OVER (ORDER BY n, j, b) AS seq FROM scale_bills) x
WHERE x.n = s.n AND x.j = s.j AND x.b = s.b;
ANALYZE scale_bills;
UPDATE scale_bills s SET status = CASE
  WHEN project_status <> 'active' THEN 'paid'
  WHEN bill_date >= anchor - 10 THEN 'draft'
  WHEN bill_date < anchor - 45 THEN 'paid'
  ELSE 'approved' END;

CREATE TEMP TABLE scale_bill_lines ON COMMIT DROP AS
SELECT b.number, l.l, l.cost_code, l.cost_type, l.description, l.amount_cents / 8 AS amount_cents
FROM scale_bills b JOIN scale_commitment_lines l ON l.n = b.n AND l.j = b.j
WHERE b.j > 0
UNION ALL
SELECT b.number, l, k.cost_code, k.cost_type, k.description,
       CASE WHEN pg_temp.h(b.n * 100 + b.b, 29, b.seed) % 15 = 0
            THEN -(500 + pg_temp.h(b.n * 100 + b.b * 10 + l, 30, b.seed) % 20000)
            ELSE 5000 + pg_temp.h(b.n * 100 + b.b * 10 + l, 30, b.seed) % 195000 END
FROM scale_bills b
CROSS JOIN LATERAL generate_series(1, 1 + (pg_temp.h(b.n * 100 + b.b, 31, b.seed) % 2)::int) l
JOIN scale_catalog k ON k.cost_type = (ARRAY['material', 'equipment', 'other'])[1 + l % 3]
 AND k.k_of_type = pg_temp.h(b.n * 100 + b.b * 10 + l, 32, b.seed) % k.of_type
WHERE b.j = 0;
ANALYZE scale_bill_lines;

INSERT INTO vendor_bills (org_id, project_id, number, party_id, commitment_id, bill_date, due_date,
                          status, amount_cents, retainage_cents, payable_cents, approved_at)
SELECT b.org_id, b.project_id, b.number, b.party_id, b.commitment_id, b.bill_date,
       b.bill_date + 30, b.status, t.amount, t.retainage, t.amount - t.retainage,
       CASE WHEN b.status <> 'draft' THEN (b.bill_date + 2)::timestamptz + interval '14 hours' END
FROM scale_bills b
JOIN (
  SELECT l.number, sum(l.amount_cents)::bigint AS amount,
         round(sum(l.amount_cents)::numeric * max(b.retainage_bps) / 10000)::bigint AS retainage
  FROM scale_bill_lines l JOIN scale_bills b ON b.number = l.number GROUP BY l.number
) t ON t.number = b.number
ORDER BY b.number;
UPDATE scale_bills s SET id = v.id FROM vendor_bills v
WHERE v.org_id = s.org_id AND v.number = s.number;

INSERT INTO vendor_bill_lines (org_id, vendor_bill_id, cost_code, cost_type, description,
                               amount_cents)
SELECT b.org_id, b.id, l.cost_code, l.cost_type,
       CASE WHEN l.amount_cents < 0 THEN 'Credit: ' || lower(l.description) ELSE l.description END,
       l.amount_cents
FROM scale_bill_lines l JOIN scale_bills b ON b.number = l.number
ORDER BY b.id, l.l;

-- Daily logs: every weekday of an active project so far (the latest still a
-- draft), the first two or three weeks of the others, with two or three
-- crew rows each.
CREATE TEMP TABLE scale_logs ON COMMIT DROP AS
SELECT p.n, p.id AS project_id, p.org_id, p.seed, d::date AS log_date,
       CASE WHEN p.status = 'active' AND d::date >= p.anchor - 3 THEN 'draft'
            ELSE 'submitted' END AS status,
       NULL::bigint AS id
FROM scale_projects p
CROSS JOIN LATERAL generate_series(
  p.start_date,
  CASE WHEN p.status = 'active' THEN p.anchor - 1
       ELSE p.start_date + (13 + pg_temp.h(p.n, 33, p.seed) % 7)::int END,
  interval '1 day') d
WHERE p.status IN ('closed', 'substantially_complete', 'active') AND extract(isodow FROM d) < 6;
ANALYZE scale_logs;

INSERT INTO daily_logs (org_id, project_id, log_date, weather, temp_high_c, temp_low_c,
                        work_performed, delays, status, submitted_at)
SELECT l.org_id, l.project_id, l.log_date,
       (ARRAY['Sunny', 'Partly sunny', 'Overcast', 'Showers', 'Rain', 'Fog'])
         [1 + pg_temp.h(l.n * 1000 + extract(doy FROM l.log_date)::int, 34, l.seed) % 6],
       t.high, t.high - 4 - (pg_temp.h(l.n, 35, l.seed) % 6)::int,
       (ARRAY['Framing and blocking', 'Electrical rough-in', 'Board hanging and taping',
              'Ceiling grid layout', 'Flooring prep', 'Paint, first coat', 'Punch list walk',
              'Site clean-up and protection'])
         [1 + pg_temp.h(l.n * 1000 + extract(doy FROM l.log_date)::int, 36, l.seed) % 8],
       CASE WHEN pg_temp.h(l.n * 1000 + extract(doy FROM l.log_date)::int, 37, l.seed) % 12 = 0
            THEN 'Material delivery late; crew re-sequenced' ELSE '' END,
       l.status,
       CASE WHEN l.status = 'submitted' THEN l.log_date::timestamptz + interval '17 hours' END
FROM scale_logs l
CROSS JOIN LATERAL (SELECT (8 + 10 * sin(2 * pi() * (extract(doy FROM l.log_date) - 105) / 365))::int
                      AS high) t
ORDER BY l.project_id, l.log_date;
UPDATE scale_logs s SET id = d.id FROM daily_logs d
WHERE d.org_id = s.org_id AND d.project_id = s.project_id AND d.log_date = s.log_date;

INSERT INTO daily_log_crew (org_id, daily_log_id, position, party_id, trade, headcount, hours)
SELECT l.org_id, l.id, c,
       CASE WHEN c = 3 THEN NULL ELSE
         (SELECT id FROM scale_parties sp, scale_kinds WHERE sp.kind = 'subcontractor'
            AND sp.k = pg_temp.h(l.n * 10 + c, 38, l.seed) % subcontractors) END,
       (ARRAY['Framers', 'Electricians', 'Laborer'])[c],
       t.headcount, t.headcount * 8
FROM scale_logs l
CROSS JOIN LATERAL generate_series(1, 2 + (pg_temp.h(l.n, 39, l.seed) % 2)::int) c
CROSS JOIN LATERAL (SELECT (1 + pg_temp.h(l.id, c, l.seed) % 5)::int AS headcount) t
ORDER BY l.id, c;

-- The schedule: five tasks in a chain on each contracted project.
INSERT INTO tasks (org_id, project_id, name, start_date, end_date, percent_complete)
SELECT p.org_id, p.id,
       (ARRAY['Mobilisation and demolition', 'Framing and rough-in', 'Board, tape and paint',
              'Finishes and fixtures', 'Punch list and handover'])[t],
       p.start_date + (p.completion_date - p.start_date) * (t - 1) / 5,
       p.start_date + (p.completion_date - p.start_date) * t / 5 - 1,
       CASE WHEN p.status <> 'active' THEN 100
            WHEN p.start_date + (p.completion_date - p.start_date) * t / 5 - 1 < p.anchor THEN 100
            WHEN p.start_date + (p.completion_date - p.start_date) * (t - 1) / 5 > p.anchor THEN 0
            ELSE 50 END
FROM scale_projects p, generate_series(1, 5) t
WHERE p.status IN ('closed', 'substantially_complete', 'active')
ORDER BY p.n, t;
UPDATE tasks t SET predecessor_id = x.previous
FROM (SELECT id, lag(id) OVER (PARTITION BY project_id ORDER BY id) AS previous
      FROM tasks WHERE org_id = (SELECT org_id FROM scale_run)
        AND project_id IN (SELECT id FROM scale_projects)) x
WHERE t.id = x.id AND x.previous IS NOT NULL;

ALTER TABLE projects ENABLE TRIGGER projects_costs_version;
ALTER TABLE budget_transfers ENABLE TRIGGER budget_transfers_costs_version;
ALTER TABLE estimates ENABLE TRIGGER estimates_costs_version;
ALTER TABLE change_orders ENABLE TRIGGER change_orders_costs_version;
ALTER TABLE commitments ENABLE TRIGGER commitments_costs_version;
ALTER TABLE vendor_bills ENABLE TRIGGER vendor_bills_costs_version;
ALTER TABLE estimate_lines ENABLE TRIGGER estimate_lines_costs_version;
ALTER TABLE change_order_lines ENABLE TRIGGER change_order_lines_costs_version;
ALTER TABLE commitment_lines ENABLE TRIGGER commitment_lines_costs_version;
ALTER TABLE vendor_bill_lines ENABLE TRIGGER vendor_bill_lines_costs_version;
DROP FUNCTION pg_temp.h(bigint, bigint, bigint);
DROP TABLE scale_run, scale_catalog, scale_parties, scale_kinds, scale_projects, scale_estimates,
  scale_estimate_lines, scale_change_orders, scale_change_order_lines, scale_pay_apps,
  scale_pay_app_lines, scale_invoices, scale_commitments, scale_commitment_lines, scale_bills,
  scale_bill_lines, scale_logs, scale_budget_keys;
)sql";

constexpr std::string_view kShape =
    "CREATE TEMP TABLE scale_run (org_id bigint, projects integer, active integer, seed bigint, "
    "anchor date)";
constexpr std::string_view kSetShape = "INSERT INTO scale_run VALUES ($1, $2, $3, $4, $5::date)";

constexpr std::array kTables = {"parties",
                                "projects",
                                "estimates",
                                "estimate_lines",
                                "schedule_of_values_lines",
                                "change_orders",
                                "change_order_lines",
                                "pay_applications",
                                "pay_application_lines",
                                "invoices",
                                "payments",
                                "commitments",
                                "commitment_lines",
                                "vendor_bills",
                                "vendor_bill_lines",
                                "daily_logs",
                                "daily_log_crew",
                                "tasks"};
constexpr std::string_view kOrganisationExists =
    "SELECT EXISTS (SELECT 1 FROM organisations WHERE lower(name) = lower($1)) AS present";

}  // namespace

void insert_scale_history(Connection& db, const ScaleShape& shape) {
  db.exec_script(kShape);
  db.exec(kSetShape, shape.org_id, shape.projects, shape.active, shape.seed,
          domain::iso_date(shape.as_of));
  db.exec_script(kScript);
}

std::vector<TableCount> count_scale_rows(Connection& db, const std::vector<std::int64_t>& org_ids) {
  std::string ids = "{";
  for (std::int64_t id : org_ids) ids += (ids.size() > 1 ? "," : "") + std::to_string(id);
  ids += "}";
  std::vector<TableCount> counts;
  for (std::string_view table : kTables) {
    // The table's name is one of ours, never input: it may be spelled into
    // the statement.
    std::string count =
        "SELECT count(*) AS n FROM " + std::string(table) + " WHERE org_id = ANY($1::bigint[])";
    counts.push_back({std::string(table), db.exec(count, ids).single_row()["n"].int64()});
  }
  return counts;
}

bool organisation_exists(Connection& db, const std::string& name) {
  return db.exec(kOrganisationExists, name).single_row()["present"].boolean();
}

void analyze_scale_tables(Connection& db) {
  std::string statement = "ANALYZE";
  for (std::string_view table : kTables)
    statement += (statement.size() > 7 ? ", " : " ") + std::string(table);
  db.exec_script(statement);
}

}  // namespace construction::sql

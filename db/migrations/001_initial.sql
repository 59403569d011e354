-- JPP Map: the PostGIS schema of the dataset (applied by `jpp-map db-migrate`, in one transaction).
--
-- The record is kept whole as jsonb, so that the database gives back exactly what was stored
-- (sources, the source's wording, curators' notes, "inferred" marks): the app builds its store
-- from `projects.record` with the same code that reads geodata/projects.json. The other
-- columns are copies for querying in SQL (GIS tools, reports) and are written from the
-- record in the same transaction; constraints refuse a row that could not be a project.

CREATE EXTENSION IF NOT EXISTS postgis;

-- One row: which dataset is current. Every import bumps `version` in the transaction that
-- writes the projects, so a worker polls this one row to learn that there is new data.
CREATE TABLE jpp_dataset (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version     bigint NOT NULL CHECK (version > 0),
    imported_at timestamptz NOT NULL DEFAULT now(),
    meta        jsonb NOT NULL DEFAULT '{}'::jsonb  -- curated_on, imported_from, ...
);

CREATE TABLE projects (
    id             text PRIMARY KEY CHECK (id <> ''),
    position       integer NOT NULL UNIQUE,  -- the dataset's order
    record         jsonb NOT NULL CHECK (record ->> 'id' = id),
    title_en       text,
    title_ja       text,
    countries      text[] NOT NULL CHECK (cardinality(countries) > 0),
    fields         text[] NOT NULL,
    scheme         text,
    start_earliest date,
    end_latest     date,
    budget_yen     bigint CHECK (budget_yen > 0),  -- as stated, of whatever kind
    budget_kind    text,
    status_set     text CHECK (status_set IN ('cancelled', 'suspended'))
);
CREATE INDEX projects_countries ON projects USING gin (countries);
CREATE INDEX projects_fields ON projects USING gin (fields);
CREATE INDEX projects_scheme ON projects (scheme);
CREATE INDEX projects_period ON projects (start_earliest, end_latest);

CREATE TABLE project_locations (
    project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    seq        integer NOT NULL,
    country    char(3) NOT NULL,
    admin1     text,  -- ISO 3166-2; NULL when only the country is known
    place      text,
    region     text,
    precision  smallint NOT NULL CHECK (precision BETWEEN 1 AND 9),  -- IATI GeographicalPrecision
    geom       geometry(Point, 4326) NOT NULL
        CHECK (ST_X(geom) BETWEEN -180 AND 180 AND ST_Y(geom) BETWEEN -90 AND 90),
    PRIMARY KEY (project_id, seq)
);
CREATE INDEX project_locations_geom ON project_locations USING gist (geom);
CREATE INDEX project_locations_admin1 ON project_locations (admin1);

CREATE TABLE project_partners (
    project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    seq        integer NOT NULL,
    name       text NOT NULL,
    name_ja    text,
    type       text,  -- vocab.PARTNER_TYPES key
    role       text,  -- vocab.PARTNER_ROLES key
    PRIMARY KEY (project_id, seq)
);
CREATE INDEX project_partners_name ON project_partners (name);

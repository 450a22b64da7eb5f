-- AlterTable
ALTER TABLE "disclosure_release" ADD COLUMN     "memberPrefilter" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "populationPrefilter" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- Backfill: the pre-filter of every stored sketch, as sketchPrefilter computes it
-- (libs/domain/privacy/src/member-set-sketch.ts): the 32-bit little-endian counts
-- (the first fifth of the bytes: 3 tables of c cells) folded to 32 cells per table.
-- The counts are cut out once per sketch (MATERIALIZED), so get_byte reads a
-- plain value rather than fetching the whole TOASTed sketch on every call.
WITH counts AS MATERIALIZED (
    SELECT r.id, s.which, octet_length(s.sketch) / 60 AS c, substring(s.sketch FROM 1 FOR octet_length(s.sketch) / 5) AS b
    FROM "disclosure_release" r
    CROSS JOIN LATERAL (VALUES ('population', r."populationSketch"), ('member', r."memberSketch")) AS s(which, sketch)
), folded AS (
    SELECT x.id, x.which, (g / x.c) * 32 + (g % x.c) % 32 AS j,
           sum(get_byte(x.b, g * 4) | (get_byte(x.b, g * 4 + 1) << 8) | (get_byte(x.b, g * 4 + 2) << 16) | (get_byte(x.b, g * 4 + 3) << 24)) AS n
    FROM counts x
    CROSS JOIN LATERAL generate_series(0, 3 * x.c - 1) AS g
    GROUP BY x.id, x.which, j
), signatures AS (
    SELECT id, which, array_agg(n::int ORDER BY j) AS prefilter FROM folded GROUP BY id, which
)
UPDATE "disclosure_release" r
SET "populationPrefilter" = p.prefilter, "memberPrefilter" = m.prefilter
FROM signatures p, signatures m
WHERE p.id = r.id AND p.which = 'population' AND m.id = r.id AND m.which = 'member';

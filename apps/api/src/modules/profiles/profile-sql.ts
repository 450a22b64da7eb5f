/**
 * The profile computation, set-wise in one statement: every member's RFM,
 * spend, affinities and car interest from the interactions before `asOf`.
 * Parameters: $1 asOf (ISO instant, read as UTC wall time), $2 car-topic
 * knowledge categories (text[]), $3 computedAt (ISO instant), $4 car-topic
 * knowledge tags (text[]); $2 and $4 come from the interest taxonomy
 * (InterestTaxonomyService.carVocabulary).
 *
 * Definitions (docs/segments.md):
 * - recencyDays: UTC days from the last interaction of any type to asOf.
 * - frequency: distinct UTC days with a PURCHASE or ENROL.
 * - monetary: Σ amount over PURCHASE and ENROL interactions, with the item's
 *   price when amount is null (the demo world leaves it null).
 * - R/F/M scores: floor(5·(rank()−1)/n)+1 over members with at least one
 *   interaction, worst first; ties share a score (see quintileScores).
 * - categoryAffinity: {KNOWLEDGE|PARTNER: {category: share of the weighted interactions in that domain}}.
 * - carInterest: (Σw car-topic knowledge + Σw partner purchases) / (Σw knowledge + Σw partner purchases),
 *   CAR_INTEREST_SQL; a knowledge item is a car-topic item when its category or one of its tags is mapped
 *   to a car topic of the taxonomy (CAR_ITEM_SQL).
 *
 * The job deletes the old profiles first in the same transaction, so a
 * retry reaches the same rows.
 */
/** The key of the setting that records the asOf of the last profile computation, so a taxonomy change recomputes car interest as of the same instant. */
export const PROFILES_AS_OF_SETTING = 'profiles.asOf';

/** A car-topic knowledge item, over columns domain, category and tags, with the taxonomy's categories and tags as parameters. */
function carItemSql(categories: string, tags: string): string {
  return `domain = 'KNOWLEDGE' AND (category = ANY(${categories}::text[]) OR tags && ${tags}::text[])`;
}

/** Car interest from the per-member weighted sums w_car, w_knowledge and w_partner_purchase: the one formula both the profile job and the taxonomy recompute use. */
const CAR_INTEREST_SQL = `COALESCE(COALESCE(sc.w_car, 0) + COALESCE(sc.w_partner_purchase, 0), 0)
         / NULLIF(COALESCE(sc.w_knowledge, 0) + COALESCE(sc.w_partner_purchase, 0), 0)`;

export const PROFILE_SELECT_SQL = `
WITH scope AS (
  SELECT i."memberId", i.type, i.weight, i."occurredAt", it.domain, it.category, it.tags,
         CASE WHEN i.type IN ('PURCHASE', 'ENROL') THEN COALESCE(i.amount, it.price) ELSE 0 END AS spend
  FROM interaction i JOIN item it ON it.id = i."itemId"
  WHERE i."occurredAt" < $1::timestamp
),
stats AS (
  SELECT "memberId",
         (($1::timestamp)::date - max("occurredAt")::date) AS recency_days,
         count(DISTINCT "occurredAt"::date) FILTER (WHERE type IN ('PURCHASE', 'ENROL')) AS frequency,
         sum(spend) AS monetary,
         sum(spend) FILTER (WHERE domain = 'KNOWLEDGE') AS knowledge_spend,
         sum(spend) FILTER (WHERE domain = 'PARTNER') AS partner_spend,
         sum(weight) FILTER (WHERE ${carItemSql('$2', '$4')}) AS w_car,
         sum(weight) FILTER (WHERE domain = 'KNOWLEDGE') AS w_knowledge,
         sum(weight) FILTER (WHERE domain = 'PARTNER' AND type = 'PURCHASE') AS w_partner_purchase,
         count(*) FILTER (WHERE domain = 'PARTNER' AND type = 'PURCHASE') AS partner_purchases
  FROM scope GROUP BY "memberId"
),
scored AS (
  SELECT s.*,
         floor(5.0 * (rank() OVER (ORDER BY recency_days DESC) - 1) / count(*) OVER ())::int + 1 AS r_score,
         floor(5.0 * (rank() OVER (ORDER BY frequency ASC) - 1) / count(*) OVER ())::int + 1 AS f_score,
         floor(5.0 * (rank() OVER (ORDER BY monetary ASC) - 1) / count(*) OVER ())::int + 1 AS m_score
  FROM stats s
),
by_category AS (
  SELECT "memberId", domain, category, sum(weight) AS w FROM scope GROUP BY "memberId", domain, category
),
shares AS (
  SELECT "memberId", domain, category, w / NULLIF(sum(w) OVER (PARTITION BY "memberId", domain), 0) AS share FROM by_category
),
per_domain AS (
  SELECT "memberId", domain, jsonb_object_agg(category, round(COALESCE(share, 0)::numeric, 4)) AS cats FROM shares GROUP BY "memberId", domain
),
affinity AS (
  SELECT "memberId", jsonb_object_agg(domain, cats) AS affinity FROM per_domain GROUP BY "memberId"
)
SELECT m.id AS "memberId",
       sc.recency_days::int AS "recencyDays",
       COALESCE(sc.frequency, 0)::int AS frequency,
       COALESCE(sc.monetary, 0) AS monetary,
       sc.r_score AS "rScore", sc.f_score AS "fScore", sc.m_score AS "mScore",
       a.affinity AS "categoryAffinity",
       COALESCE(sc.knowledge_spend, 0) AS "knowledgeSpend",
       COALESCE(sc.partner_spend, 0) AS "partnerSpend",
       ${CAR_INTEREST_SQL} AS "carInterest",
       COALESCE(sc.partner_purchases, 0)::int AS "partnerPurchases",
       $3::timestamp AS "computedAt"
FROM member m
LEFT JOIN scored sc ON sc."memberId" = m.id
LEFT JOIN affinity a ON a."memberId" = m.id`;

export const PROFILE_INSERT_SQL = `
INSERT INTO member_profile ("memberId", "recencyDays", frequency, monetary, "rScore", "fScore", "mScore", "categoryAffinity",
                            "knowledgeSpend", "partnerSpend", "carInterest", "partnerPurchases", "latentFactors", "computedAt")
SELECT "memberId", "recencyDays", frequency, monetary, "rScore", "fScore", "mScore", "categoryAffinity",
       "knowledgeSpend", "partnerSpend", COALESCE("carInterest", 0), "partnerPurchases", '{}'::float8[], "computedAt"
FROM (${PROFILE_SELECT_SQL}) computed`;

/** Writes the active model's user factors into the profiles: $1 member ids, $2 row-major factors, $3 factors per member. */
export const LATENT_FACTORS_UPDATE_SQL = `
UPDATE member_profile p SET "latentFactors" = ($2::float8[])[((u.o - 1) * $3::int + 1):(u.o * $3::int)]
FROM unnest($1::bigint[]) WITH ORDINALITY AS u(id, o)
WHERE p."memberId" = u.id`;

/**
 * Recomputes car interest alone, for the members with interactions (before
 * $1 asOf) on the knowledge items whose car status a taxonomy change moved
 * ($4 categories, $5 tags); $2 and $3 are the new car categories and tags.
 * Everything else in the profile stays as the last computation left it.
 */
export const CAR_INTEREST_UPDATE_SQL = `
WITH affected AS (
  SELECT DISTINCT i."memberId" FROM interaction i JOIN item it ON it.id = i."itemId"
  WHERE i."occurredAt" < $1::timestamp AND it.domain = 'KNOWLEDGE' AND (it.category = ANY($4::text[]) OR it.tags && $5::text[])
),
scope AS (
  SELECT i."memberId", i.type, i.weight, it.domain, it.category, it.tags
  FROM interaction i JOIN item it ON it.id = i."itemId"
  WHERE i."occurredAt" < $1::timestamp AND i."memberId" IN (SELECT "memberId" FROM affected)
),
sc AS (
  SELECT "memberId",
         sum(weight) FILTER (WHERE ${carItemSql('$2', '$3')}) AS w_car,
         sum(weight) FILTER (WHERE domain = 'KNOWLEDGE') AS w_knowledge,
         sum(weight) FILTER (WHERE domain = 'PARTNER' AND type = 'PURCHASE') AS w_partner_purchase
  FROM scope GROUP BY "memberId"
)
UPDATE member_profile p SET "carInterest" = COALESCE(${CAR_INTEREST_SQL}, 0)
FROM sc WHERE p."memberId" = sc."memberId"`;

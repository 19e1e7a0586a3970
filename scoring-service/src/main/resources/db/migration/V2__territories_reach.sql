-- Sales territories, reach and identification (issue 15). A score keeps the reach of a key account and what its
-- criteria missed, so a rescore can tell whether a key account looks different to those who follow it.
ALTER TABLE customer_score ADD COLUMN reach VARCHAR(16);
ALTER TABLE customer_score ADD COLUMN missing TEXT[] NOT NULL DEFAULT '{}';

-- Facts kept before counted selection criteria and functional areas and kept region names without their country.
-- They become places (country unknown) and placeholders that keep the counts; the next event of each customer
-- replaces them with what its profile says.
UPDATE customer_facts SET facts = (facts - 'regions' - 'countries' - 'selectionCriteria' - 'functionalAreas')
    || jsonb_build_object(
        'places', COALESCE((SELECT jsonb_agg(jsonb_build_object('country', NULL, 'region', region))
                            FROM jsonb_array_elements_text(facts -> 'regions') AS region), '[]'::jsonb),
        'criteria', COALESCE((SELECT jsonb_agg('(criterion ' || n || ')')
                              FROM generate_series(1, COALESCE((facts ->> 'selectionCriteria')::int, 0)) AS n), '[]'::jsonb),
        'areas', COALESCE((SELECT jsonb_agg('(area ' || n || ')')
                           FROM generate_series(1, COALESCE((facts ->> 'functionalAreas')::int, 0)) AS n), '[]'::jsonb))
WHERE facts ? 'regions';

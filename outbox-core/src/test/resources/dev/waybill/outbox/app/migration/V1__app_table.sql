-- an application's own first migration, which expects the schema empty or its own
CREATE TABLE parcel (
    id uuid PRIMARY KEY
);

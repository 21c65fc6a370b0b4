-- The organisation's address, at the top of every PDF it sends beside its
-- name (documents.md: "the organisation's name and address at the top"; the
-- G702's "From contractor"). Empty until an owner types it on /account.
ALTER TABLE organisations
  ADD COLUMN address text NOT NULL DEFAULT '' CHECK (length(address) <= 1000);

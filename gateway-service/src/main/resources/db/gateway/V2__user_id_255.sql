-- One user-id rule everywhere (schemas' UserId, decision 42): up to 255 characters, the longest OpenID Connect subject.
ALTER TABLE virtual_key ALTER COLUMN user_id TYPE VARCHAR(255);

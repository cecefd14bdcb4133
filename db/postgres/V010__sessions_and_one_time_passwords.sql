-- V010 sessions and one-time passwords (PostgreSQL): a row per signed-in browser (the sign-in cookie names it;
-- signing out deletes it, so a copied cookie stops working), and on users whether the password was made by someone
-- else (must be changed at the first sign-in) and when such a one-time password expires. Existing accounts chose
-- their own password (default false).

ALTER TABLE users ADD must_change_password boolean NOT NULL DEFAULT FALSE;

ALTER TABLE users ADD password_expires_utc timestamp with time zone;

CREATE TABLE user_sessions (
    id character varying(32) NOT NULL,
    user_id integer NOT NULL,
    created_utc timestamp with time zone NOT NULL,
    last_seen_utc timestamp with time zone NOT NULL,
    CONSTRAINT pk_user_sessions PRIMARY KEY (id),
    CONSTRAINT fk_user_sessions_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_user_sessions_user_id ON user_sessions (user_id);

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "users" (
    "id" UUID NOT NULL PRIMARY KEY,
    "email" VARCHAR(320) NOT NULL UNIQUE,
    "password_hash" VARCHAR(255) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "timezone" VARCHAR(64) NOT NULL,
    "birth_date" DATE,
    "sex" VARCHAR(16),
    "weight_kg" DOUBLE PRECISION,
    "max_hr" INT,
    "resting_hr" INT,
    "lthr" INT,
    "units" VARCHAR(16) NOT NULL,
    "tier" VARCHAR(16) NOT NULL,
    "is_admin" BOOL NOT NULL,
    "email_verified" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "users" IS 'An account: credentials, profile and entitlements (tier, admin).';
CREATE TABLE IF NOT EXISTS "refresh_tokens" (
    "id" UUID NOT NULL PRIMARY KEY,
    "family_id" UUID NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_refresh_tok_family__59d0e5" ON "refresh_tokens" ("family_id");
COMMENT ON TABLE "refresh_tokens" IS 'One refresh token; a family is one login''s chain of rotations.';
CREATE TABLE IF NOT EXISTS "health_metrics" (
    "id" UUID NOT NULL PRIMARY KEY,
    "date" DATE NOT NULL,
    "resting_hr" SMALLINT,
    "hrv_ms" DOUBLE PRECISION,
    "sleep_hours" DOUBLE PRECISION,
    "sleep_score" SMALLINT,
    "weight_kg" DOUBLE PRECISION,
    "stress" SMALLINT,
    "source" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_health_metr_user_id_183c26" UNIQUE ("user_id", "date")
);
COMMENT ON TABLE "health_metrics" IS 'One day''s resting HR, HRV, sleep, weight and stress.';
CREATE TABLE IF NOT EXISTS "devices" (
    "id" UUID NOT NULL PRIMARY KEY,
    "provider" VARCHAR(32) NOT NULL,
    "display_name" VARCHAR(200),
    "device_name" VARCHAR(200),
    "credentials" TEXT NOT NULL,
    "available" BOOL NOT NULL,
    "last_sync_at" TIMESTAMPTZ,
    "last_sync_status" VARCHAR(16) NOT NULL,
    "last_error" VARCHAR(500),
    "synced_until" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_devices_user_id_7f111c" UNIQUE ("user_id", "provider")
);
COMMENT ON TABLE "devices" IS 'A provider account linked by a user; credentials are stored encrypted.';
CREATE TABLE IF NOT EXISTS "workouts" (
    "id" UUID NOT NULL PRIMARY KEY,
    "sport" VARCHAR(16) NOT NULL,
    "started_at" TIMESTAMPTZ NOT NULL,
    "duration_s" DOUBLE PRECISION NOT NULL,
    "moving_time_s" DOUBLE PRECISION,
    "distance_m" DOUBLE PRECISION,
    "elevation_gain_m" DOUBLE PRECISION,
    "avg_hr" DOUBLE PRECISION,
    "max_hr" DOUBLE PRECISION,
    "avg_pace_s_per_km" DOUBLE PRECISION,
    "calories" DOUBLE PRECISION,
    "rpe" SMALLINT,
    "title" VARCHAR(200),
    "notes" TEXT,
    "source" VARCHAR(16) NOT NULL,
    "external_id" VARCHAR(128),
    "splits" JSONB NOT NULL,
    "hr_zone_seconds" JSONB,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "device_id" UUID REFERENCES "devices" ("id") ON DELETE SET NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_workouts_user_id_786c35" UNIQUE ("user_id", "sport", "started_at"),
    CONSTRAINT "uid_workouts_user_id_d79778" UNIQUE ("user_id", "source", "external_id")
);
CREATE INDEX IF NOT EXISTS "idx_workouts_user_id_c5e73b" ON "workouts" ("user_id", "started_at", "id");
COMMENT ON TABLE "workouts" IS 'One session of training, logged by hand, imported from a file or synced.';
CREATE TABLE IF NOT EXISTS "workout_streams" (
    "hr_samples" JSONB NOT NULL,
    "workout_id" UUID NOT NULL PRIMARY KEY REFERENCES "workouts" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "workout_streams" IS 'The HR samples of a workout, kept apart so that lists stay light.';
CREATE TABLE IF NOT EXISTS "device_syncs" (
    "id" UUID NOT NULL PRIMARY KEY,
    "status" VARCHAR(16) NOT NULL,
    "trigger" VARCHAR(16) NOT NULL,
    "requested_at" TIMESTAMPTZ NOT NULL,
    "started_at" TIMESTAMPTZ,
    "finished_at" TIMESTAMPTZ,
    "activities_imported" INT NOT NULL,
    "metrics_imported" INT NOT NULL,
    "attempts" SMALLINT NOT NULL,
    "error" VARCHAR(500),
    "device_id" UUID NOT NULL REFERENCES "devices" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_device_sync_status_4f4b50" ON "device_syncs" ("status");
COMMENT ON TABLE "device_syncs" IS 'One sync of a device: pending -> running -> ok | failed.';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztnetv27YWwP8Vwl/WAl7ROI8G3cUAJ01vc5fEQ+Jsw4ZCYCzaIiKTGkm78bb875fUy3"
    "pQiuRXZI0f2tgUDyX/DnVIHh6Sf3em1EYuf3fPEet8BH93CJwi+SGV3gUd6HnLVJUg4IPr"
    "Z5zJHH4KfOCCwZGQiWPociSTbMRHDHsCU6Ky9gmAoxGdEfERjBiyERFY5uwCj9ExdhGAxA"
    "YqUbhoKv9y8EZgxLoA2lNM3r5Td7HpSN4Gk8mmCpwR/OcMWYJOkHB8CH98lcmY2OgJ8eir"
    "92iNMXLtFCNsqwL8dEssPD/t/v7y02c/p3rYB2tE3dmULHN7C+FQEmefzbD9TsmoaxNEEI"
    "MC2QmEZOa6IeooKXhimSDYDMWPai8TbDSGM1cpovOf8YyMFH/g30n9d/Rj+GiJbJZ1Mxha"
    "dxdDy+rk9KYeIUM+TBpRonSOJVkF5jkodwnET+2oG5x/6d++OTx56yOgXEyYf9HH1Xn2Ba"
    "GAgagPfUkZTSF286DPHcj0oGOBDGv5qNuhHAHaAtLOFD5ZLiIT4civh733JYx/6d8GmHvv"
    "fc5Uvo3BO3oTXuoF1xTvJV8Pcv6NMttyIHfqcM4JboZ3lLAEvjQnOyfeOz6uQFzmKiTuX0"
    "sT9//WAB3lbyHfg0o1+qCkRh/ka7TAU/QXJbUYJ2V2x7lzPzzfljVOgz45qsD55KgQs7qU"
    "pvyAmXAsabY1nD/JVD3ntFSGtEpWingXXX+BeWiJm1K1Swh/6g8vMvw4eqpTQcPsK9XNhn"
    "HKmICTKhbgpNgAnGRr5jeEJ46wHid5vp9dCoUecEoqg3msxPYPdFmFHNyfXV2An28vzi/v"
    "Lgc36i7TBf/TXV5USTIBCx/B7UX/KsNZqdFheciXpADxUiDDVz7w/tGVjyv/fN87OPpwdH"
    "p4cnQqs/jPGad8KFHA5c0wg1N2iYW8Xz2kaSGDNY/VFbWARtkNyjxK+bsEr9NoxQI77FJN"
    "kYQy2k2vavNtl/JP1Ou3Il113SbgMUNoX/Fibvm+nzziM0pdBEmB7yYhliH9IOW2hTpO2W"
    "3f4GwwuPL7AzzsD5xdDjOI76/PLiT6t+k+Qt5i+L4Ya44YljfSuMtKqeeFDfsa7EcMKSZW"
    "0HPND9DUSEsPPi1ZNkhTH/bRCSF/oD0g7iJss0sUMry8vrgb9q9/TmlFjefUlV663xymvs"
    "mapLgQ8Ovl8AtQX8Hvg5uLrDs0zjf8vaOeCc4EtQj9Jq1PwvMYpUbU0m20Z6+o9bSk0XpT"
    "tB4xSqjdf3o1LzF+TPjMVcIDHD1+g8y2UleSgwzZfHPHEvQREU1f7iyU//zTLXKhTzhfGc"
    "LJodugrKEqag+rw3P0AkSpy2qR8CVQ9khnul5vHVK/BqW0FZKDoBw2WUHPe01UX/yyruNO"
    "fBt52WiOR2hNUJ/8QtqESNkv2qNFFi1/adqbZlMggRP/J6l7qzvpbJVmojtry4onvPMW9O"
    "WZ7wFBIJQDvtwPAMq8U+wuAOaAyssunWDyHQcjRyIBdAwYFX4N4Pl57/WLM7Peu+jMrzHr"
    "HWjTqgc7JbRJ5nmLsctJ8HUIJzwr6kWpPcmdlmpdRMHmpwXNqLMY/X6OP6qMOtGTh2VpK2"
    "g9LdlCre+JljWjTI1zga/mWeCbfK0bNsnSJv0yNJft3SoqTksaLTdZyypkt2bPMiGy3X5l"
    "U5T6Qscy53tL082j/UwZwhPyE1r4gC/lc0Ay0gVBZSKv9xNpbnAvkxn8Fg8nkxVK/nb5i1"
    "EwjXHevzvvf7roPBc7M7fpJogcdRoPQcKHV+wcSLoLq7kFOOJcjVTlEN0HJuF21ehdPh54"
    "WAAHErsL8NSjTNYBMGZ0qsb6KridMsAXsg7ZegfBpgrWuAr+iCs5V+L+BwFZ2HmXgBMZ6I"
    "wF1Rw9CcQIdJXWv2acDYn8y3K6vvfgq3FEvKojItZw5UDFSKCN4cobD0hI1/c6Pa60pBk4"
    "NbrLZc+Y7321NE7/kpjUtNiKQal7pNeNRKXSuQqIVJW+Ju2cpIkCrsDbxkFX1prWq9opMU"
    "O6AmnZSZ4H5mAib1mTt07YUK9AHc71IdklrJcihvAa6wjKTHXRSgJDuKgOe1AaW255ctz9"
    "WM90aKUN9wrcR9ClDOsiPUpwJ4UM5QqUmadZgng3ha5bvGzG07ne9nmRx2Hvw0m8vkN9KV"
    "vacXfdv7rKRwz7GyXUGevHAu1blth7X2VlssxVvPL7fW5lMqFCZwyG6KmgnsYCbQBcNqC/"
    "+G2YGstHGN9c9397mzIKV4Ob/0bZE9jPrwZnWd9K7Hus7LuKJXa5YAmSGXS35RXctgMr6d"
    "atQToj1obqnd3Z4LTSzganJTsbnOa8hZ6rXYH3v7vBTZE31tUvwbPxSIB/gCuH4Vur2Uv3"
    "98MMuwIT/k7d7zU84IpQuYHJ2pJu2guoCsgaGIdZas8IiyP5IHYtvWhE11JQw96FXWvCRJ"
    "0Vm6X2Rp2ZtU5t03rRWqf86omaASwpoTVmgffHztYIjTYBQSYgqPEBQXkTsAGolRdRNfO9"
    "f5FqyuyluMonADf3V1cbi7RKxjTIxkfjYo5Wtw0IGlL5X+V1k3dxge3Q0vNqUWkhhuLYtC"
    "WnFyPUrEBJFQPVhg4CX24Bh1PPRVyFlEEQFtQFj8gTAHqQCcApEA4U/qCFA/nyLeTHiSPy"
    "EWobKXGNVWwRhnqtXlpqt8FkjWz2uqA4ckwOcUP11hwYJ6SM02IjQ+UaWwXkbX7upcmrM7"
    "LoFVvdNZbDN+E9ebHVTZuJCvHNa8Usp1bMaxqH7Ir64rYhv46/WgyzDRffcRBuRSfNelf+"
    "+6ULuIuQ1wXBxor+Xtyq0eEFC5pXKaQ0NtnfRDQbaWyiiV+1Tai7XeyGNopt6KBIOyGe3y"
    "m2bGPIF6a527o75CZmux02t6b1QjOWIiYwo0Jghm+7LYfOWD3MGTnDujJrPqKsdjBMRtSY"
    "ifQOUGY36d1UYL9bV7vuxlKm2prgl10Hv5hp52L0+zkBaaad/41arzLtbCZJzSTpazsWG7"
    "prQjiLqvE9LudXi72Oid0wK5whqM72m2MbsejoP+Bi8hjsaQCBAvRD8ixAABkCXMh6pE4C"
    "HLGFJ3QbJmyu2FKXZHQT45Zsllsy1kuN7nJSpoVbHRz2KnSWD3slJw1mO8s25p4LF1bd4+"
    "+ycu2LFd/KWpMw9KM27bSYgV0JdqJpyMMuXt6TEWuFGdn1Kh84hzhgkQNferpISm6HB4tE"
    "DejeniviQi4stUHUCgPgrKzZKLA5I968o2OpLTnuErNaR3/pZHfoVyRoHkYB7KFb0WeHGK"
    "O1OqRpqfY13MeVGu7jkob7ON9wBxvdWXLApztk/IUduDKyxpg12ZgZX33xe7afXlvjq/83"
    "at346o2vvgFIt+mrf73jx5rZ/yg/TUt1wzZyltadLKhFFXKr52kliBVO+0Q8X5r6sWINVt"
    "wyW2YPVgwF8h+Bh4itosa//xGwGSHhR/oI/pHlYLdwi+wVCzKnZzWggeqWzOfUd1ds30mR"
    "Bx1Wtn31Usi7TyY1TytfipgYs4qYGZI/la82hsnKmlFMU0YxVcauDdobvpn9wqYruZJfao"
    "wJ5s5Kas6IGj03Wc+yW4vnWGDErejUlby+C+PcC6RXCnpfyYS/35b9DkLeewdHH45OD0+O"
    "4rj3OKUs+D0/OxkuXl2FsU7UAM4ChkKgqadzSZSv1EjKtYbqJlZq1J7oM3N89eb4XnXDsK"
    "b1l7fiEd79fkwNxbrGhkyvHMPdR7LtczoaZ154pVvmyIPLPC+58IqRbtitVtgSad9pTRsU"
    "6m89d9o2TedGWvZiL9ocMR66zas2TQmRVgQzZkJHj4+rhI4eHxeHjqprmf6UfKlqEA6zt5"
    "DuQaW2/6Ck7T/QBOZSIhDRjKyLd6BKiOx++6nXafmbsdHUuo3Z8/8BB+f/pw=="
)

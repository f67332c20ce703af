from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "daily_loads" (
    "id" UUID NOT NULL PRIMARY KEY,
    "date" DATE NOT NULL,
    "load" DOUBLE PRECISION NOT NULL,
    "workouts" SMALLINT NOT NULL,
    "duration_s" DOUBLE PRECISION NOT NULL,
    "distance_m" DOUBLE PRECISION NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_daily_loads_user_id_948303" UNIQUE ("user_id", "date")
);
COMMENT ON TABLE "daily_loads" IS 'One athlete-day (local date): the sum of its workouts'' load, kept up to date on write.';
        CREATE TABLE IF NOT EXISTS "load_states" (
    "risk_level" VARCHAR(16) NOT NULL,
    "episode_started_on" DATE,
    "computed_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL PRIMARY KEY REFERENCES "users" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "load_states" IS 'The last computed risk of an athlete, to record an event once per episode.';
        CREATE TABLE IF NOT EXISTS "training_events" (
    "id" UUID NOT NULL PRIMARY KEY,
    "kind" VARCHAR(40) NOT NULL,
    "key" VARCHAR(80) NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_training_ev_user_id_e1a8f8" UNIQUE ("user_id", "kind", "key")
);
COMMENT ON TABLE "training_events" IS 'Something notifications turn into alerts (overtraining_detected, ...), once per key.';
        CREATE TABLE IF NOT EXISTS "zone_versions" (
    "id" UUID NOT NULL PRIMARY KEY,
    "effective_from" DATE NOT NULL,
    "max_hr" SMALLINT,
    "resting_hr" SMALLINT,
    "lthr" SMALLINT,
    "birth_date" DATE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_zone_versio_user_id_497a42" UNIQUE ("user_id", "effective_from")
);
COMMENT ON TABLE "zone_versions" IS 'The HR profile in force from a date on (zones are versioned by date).';
        ALTER TABLE "workouts" ADD "load" DOUBLE PRECISION;
        ALTER TABLE "workouts" ADD "load_source" VARCHAR(16);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "workouts" DROP COLUMN "load";
        ALTER TABLE "workouts" DROP COLUMN "load_source";
        DROP TABLE IF EXISTS "training_events";
        DROP TABLE IF EXISTS "load_states";
        DROP TABLE IF EXISTS "zone_versions";
        DROP TABLE IF EXISTS "daily_loads";"""


MODELS_STATE = (
    "eJztXWtv27Ya/iuEvzQFvKBxLg26gwFJmp7mLJchcbqhQyEwEm0RlkWNpN16W//7IXWxda"
    "EU0bfIKj+0dii+lPy8FPne+U9nTBzksf1HhmjnHfin48MxEl8y7V3QgUGwaJUNHD55YceJ"
    "6BG2wCfGKbS5aBxAjyHR5CBmUxxwTHzZ9cwH0LbJxOfvgE2Rg3yORc8uCCgZYA8B6DtANn"
    "IPjcUnA3scI9oF0Blj//W+vItDbHEb7A/XNeDEx39NkMXJEHE3BOHPL6IZ+w76hljyZzCy"
    "Bhh5TgYj7MgBwnaLz4Kw7fHx6v2HsKd82CfLJt5k7C96BzPuEn/efTLBzr6kkdeGyEcUcu"
    "SkIPQnnhdDnTRFTywaOJ2g+aM6iwYHDeDEk4zo/Gcw8W2JPwjvJP87+iV+tFQ3y7q961sP"
    "l33L6hT4Jh8hh3zcZBNf8hwLZCUw36NxF4CErR15g4uPZ/d7hyevQwgI40MaXgzh6nwPCS"
    "GHEWkI+gJlNIbYKwJ94UKqBnpOkMNaPOpmUE4A2gCknTH8ZnnIH3JX/HnYe1OB8aez+wjm"
    "3psQZyLexugdvY0v9aJrEu8FvgFk7CuhjuVC5urgXCBcD95JwwLwxXKydcR7x8c1EBe9Sh"
    "EPr2URDz81gE76txDfg1oz+qBiRh8UZzTHY/Q38bUwTtNsD+fOY/9iU6txFuiToxo4nxyV"
    "wiwvZVF+wpS7lli2FTi/F61qnLNUOaRls2TEfnL9GczjlbgpU7sC4fdn/cscfgx905mgcf"
    "el5mbDcMotASd1VoCT8gXgJD8zvyI8dLk1Ghbx/eARyNUAZ6hyMA8k2e4BXTUh7x7Pry/B"
    "b/eXF1cPV3e38i7jGfvLW1yUTaIB8xCC+8uz6xzOko0uLYJ85ZdAvCDI4SseePfQFY8rPn"
    "7qHRy9PTo9PDk6FV3C55y3vK1gwNVtPwenEIm5uJ8epFkiA2sRVo9rAZp0N1AWoRS/izOd"
    "TWtOsEWRaowEKPZ2pKr1713SPqEntyLVdN0kwAOK0K7Ci5kV2n6KEJ8T4iHol9huUmQ5pJ"
    "8E3aagnrdsVzY4v7u7DuUBFssD51f9HMSPN+eXAvrXWRmhuGKEthhriigWN1KYyypRLxIb"
    "7DWwtymSmFiR5FpU0KSmpQY+S1mlpMkvu2iEED/QufO9WbxnVzCkf3Vz+dA/u/ktwxWpz8"
    "krvazcHLfu5Zek+SDg96v+RyD/BJ/vbi/z5tB5v/7njnwmOOHE8slXsfqkLI9Ja4Jado8O"
    "nCW5nqU0XG8K1xOMUmwPn176JQajlM1cNjxBe/QVUsfKXEkrGWL7Zq7FyQj5ClnuPKb/8O"
    "s98mCIcHEyxM6h+2isvhxqB6fD9+QFSFoX0yJlSyB0RCYqqVcHqd+jUdoKkougUJusSPJe"
    "EaqP4Vg3cyG+jXg5aIpttCJQ78NBWguREP1mlkegsypMcqBrMU5bkQqvSBMQmkoX92po9e"
    "PBLuVYbUVM+nmkWsHE4Cvi9VkM9SkaqU1oSUmC9EiZbJG9lDK1idfMYlzpEkpQvfNRn4j/"
    "nsdWvrQPfJc9QWpgx71xDtgx9OEwfEo5nCRWSViK8Jy8BFYeplOU+56P1xFcAjEdCOl+Bl"
    "D0HYsFFWAGxNQHHhli/xUDtit+JSADQAkP2cqK0TqrD2didbZhglghVifipqUHdoZonZgX"
    "F4Fthu6sgnBqd5cvinZoTpaqdXFQ6w9mMLaycuh302pSx1aGvgVYjLYE17OULeT6jnBZYR"
    "tTmETZcvZQts7XupkSaiv4S9FU7HfLsDhLabjcZC7LRANNyTJFslm5silMfUawLHgMsugW"
    "of1AKMJD/1c0CwG+Es8BfVsVupnLF9lNSAv6umim8OtcnUxPKPHbxS9GkfP14uzh4uz9Ze"
    "d7uQtGy6SiaSZI3AsKC0HK81BuHEg7OeqZBRhi0uYlVfTE/tiV2rt4PPA0Ay70nS7A44BQ"
    "MQfAgJKx1PVlSg6hgM3EHHLUBoJ1DawwFfw5n+RMkodfOKSx8C4ATnUgExpNc/SNI+pDT3"
    "L9S87YkOq/GKcbWg++GEPEixoi5hyuHV6dELQxyWLtYVTZ+a4jcWUpjeLUaJHLmdDQ+mop"
    "vCQVkfRZsiVD6XeIr2uJpSdT6cOTk14T7QKlyV2ogbeDI1HWGutN7QyZQboG0kJInkbLwV"
    "DcUhNvFbFBvQbqcKpOJKnAekFiEF4h+6lqqS7LfzIIl83hAIrFllmB0LtHekuHktrgXgN3"
    "G3qEYlV8WgXcaSKDcg2UaaCIknkYQ88rT/YLVKa3XU5NO+y9PZlnpck/qhLSHm7Orq+LeQ"
    "5heRcdXX9O0L5k6t6bOvUURK/yehVvCvUUfMJVi0EffSuZp3OCNgBcpdBf/tHP6PIJjHs3"
    "Z3+8ziwK13e3/026p2C/uL47z9tW5rbH2rarOcU20yyhP4HepqyCmzZgpc26GkjnyNowvf"
    "P1WE5r1WM5rajHclqwFgaeMm/4fw93t2XWWE+dOOxgm4N/gSfU8I3N7IX5+2mCPY59ti/v"
    "9xIWcIlQ9QKTX0u6WSugHCC/wLjUCiOgGRIPogqvL+eLgnQlBjXsXdg2J7w4LaG2kJ0QGA"
    "G7hoAdRaNr76Y5shau8WvfTU30ZDn07Y2eNJnGbeO6wilYkruoGYiVIVohmqFh6+p6QvxN"
    "YJsJbGt8YFtxCVgDqLVTmJv53j+LambZy+AqngDcPl5fry1iMB2bIzYfhatEPwEzjh18mA"
    "/YDi7pJmFmYSiPsVzg9GykpRUxqWbAZd9F4OM9YHAceIjJ0EgI4oG6YIQCDmAAKQeMAO5C"
    "HirfDIiXbya+Dl1ejLRcy4grZGMmMOjtelmq7QZFNnLb64LyCEiXWjF7NQ08KSpjfFuLyU"
    "ejUE9xzS+8NEV2Jit6zV13hWI0TXhPnt11s8tEjTj9lWLvM/VqFJtDvp5N+d5QrKJTLxbf"
    "gbNXDMSFYMWy3hX/PnUB8xAKuiAqaxyehCE3HVaSmL/MIJUx9mEJ73zEvImKf9E9QbdY+5"
    "rKtDdUKVLanYt12qvKMj8TrtHW2szriNpw6dQa64UYLUiM/6OG/yNcuy2XTKgezDk6g3Vt"
    "rJlNqHZQV47ULBMZYM1ZDluawKFYpz1351Rm2pogLuN2bs5U3k0HpHE7/4hcr+N2Nk5S4y"
    "R9acNiQ6t/xF5Uhe1x4V8ttzqmalHXOMFXnqw7xQ6iycG7wMP+KKrNAYEE6Of0SbwAUgQY"
    "F/NInsNr01nAVYU/1jdspUkyuYkxSzbLLDnni4a4nKZpYcmOw14NYfmwV3HOb15YdjALPD"
    "izdA+fzdO1Lx52IzlTceiHNtpZMgN2LbBTW0MR7PI0tRxZK5aRbWerwSnEERYF4CvP9srQ"
    "bfFYr2QD3dlTvTzIuCULnS2hAOdpTcHL5mi8RUPHglvySIWJ1sGbKtot2hV9NI2jAHbQrB"
    "hihyglWgJplqp9G/dxrY37uGLjPi5u3FHBRksofNjTXczytGYxa/JiZmz15e/Zblptja3+"
    "R+S6sdUbW30DIN2krf7lDv9spvxRfZieFMPWcpLlgxioRRNS7wy9pVw+IWKlbp8Ez+dcP9"
    "acgzVLv4vuUcZQRP8OBMh3ZNT4T78AOvH9+CsZgX/FONgrLfW+5EDmFLgGbFDdCn+Ovrli"
    "80aKItDxZNtVK4W4+3Co5zNLkZgYs5owUyR+KltOh8nTGi2mKVpMHd21QWccNFMubDqTa9"
    "mlBtjHzF2KzTlSw+cm81mItXiKOUbMSk4PKvK7NM69hHqpoPellvA3m1q/o5D33sHR26PT"
    "w5Ojedz7vKUq+L3onYyTV5fBWEVqAM4DDDlH40BlkqjO1EjTtQbVdWRqaDv6jI9Pz8f3og"
    "XDmiYvb8QivP16TA2FdYWCTC8dww2xN7uW1V1V9rz5xW6lOU92s2T5Ug1rHuSuhOAnB87A"
    "nkds6AEpsL4W+LkIsMlYWugwZ0l5IPYKyDvEVYImAeAkJADEB18p5kht69vMbUwBih2zDJ"
    "oCFEsUoNh2lejlJL39Tcl6G058LvfxVQvUaTojUKflvV07NHJnp+5LnmH4YyFt4pjKV47d"
    "9ACYOKaX1lpNHNMO5xxLbfSBw/BZCvrq4mK3Sl+NDtqQ/TTq4Mowe2CTcTARrAYUs1EYQu"
    "InGmZXaooU2YQ6shVNkc+F0mgjECAKUICZeBB1Qdz1Db1ChEpz1pwm1Ppcs/opeWp5gnGK"
    "ZINyg2+WaouRE57Ylja1a2/6fLXobbASV3gU/ldX7VdTr2gEaJjlXc8GkCxLy+RPZEmNCN"
    "p0EbQgM+ls8c/JV5q1opeVrpqweaxZtlpJXurL5xDPfCmFBpXMlO1QKTfxuKsVSiA1ZacH"
    "MhayiIyo9QnHA2yHxhYG+IT6QEBEAPQQ5Qzskan4TG7hCEhswfYu2N/ff91diDsjNCtKUZ"
    "u6SaWdfyQmWfiJZsbc3yx5K2FNXUkr6d+KSgxZEeuojmf9qNyxflTwq8v5roNt1L2F0J7W"
    "gfa0HNrTYsiCmNBFbMtPzUj6N+O8DHnbnT4vw+QNt1nsrZU33BgrSHO1RGN5bZJ2sDXL62"
    "fio0+IsuhXF/SI9OVKLSI8x3sa9dQ7hyygZIA9JAR6MCBUiOoDSsYyiy+Oz9mTQ0c1GuPx"
    "o0KOYcBP6Vlkq49aqSWgwQDJIG5kyXGNotAsRSHHHeVOX2IqLFD+0LFCUjDWP6hmQWXK+O"
    "ey/8zZPxuA1eP6gCY0BsoMlE+YctfSjavMUv3QjhWjXxr90uiXRr80+mWE+hmi2HY7CtUy"
    "vtKt0irhos9z6mQ5oGsu8FIqUijfZoVAEXOvsf7O9eSYlmtn04U9oa63IUXSQo9D7/i4hs"
    "tB9CovYi6v5TJ7xUulgXDcvYXoHtTKQj2oyEI9UJSIJz6PPet1vTopku07dl5mz2/Gkeer"
    "bmbf/w9ZrNBW"
)

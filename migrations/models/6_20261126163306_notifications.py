from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "notification_templates" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(64) NOT NULL UNIQUE,
    "subject" TEXT NOT NULL,
    "html_body" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "notification_templates" IS 'An admin override of a file in email_templates/ (rendered in Jinja2''s sandbox).';
        CREATE TABLE IF NOT EXISTS "digest_logs" (
    "id" UUID NOT NULL PRIMARY KEY,
    "kind" VARCHAR(8) NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_digest_logs_user_id_052e95" UNIQUE ("user_id", "kind", "period_start")
);
COMMENT ON TABLE "digest_logs" IS 'A digest sent: one per user, kind and period (never twice).';
        CREATE TABLE IF NOT EXISTS "notifications" (
    "id" UUID NOT NULL PRIMARY KEY,
    "type" VARCHAR(32) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "body" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "read" BOOL NOT NULL,
    "read_at" TIMESTAMPTZ,
    "group_key" VARCHAR(120) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notificatio_user_id_f25d16" UNIQUE ("user_id", "group_key")
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_user_id_8d780e" ON "notifications" ("user_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_notificatio_user_id_865127" ON "notifications" ("user_id", "read");
COMMENT ON TABLE "notifications" IS 'One in-app notification; ``group_key`` makes a trigger idempotent (one per event).';
        CREATE TABLE IF NOT EXISTS "notification_deliveries" (
    "id" UUID NOT NULL PRIMARY KEY,
    "channel" VARCHAR(8) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attempts" SMALLINT NOT NULL,
    "scheduled_for" TIMESTAMPTZ,
    "sent_at" TIMESTAMPTZ,
    "provider_id" VARCHAR(200),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "notification_id" UUID NOT NULL REFERENCES "notifications" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notificatio_notific_1657b0" UNIQUE ("notification_id", "channel")
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_status_11b62e" ON "notification_deliveries" ("status", "scheduled_for");
COMMENT ON TABLE "notification_deliveries" IS 'One notification on one channel: pending -> sending -> sent | failed | deferred | skipped.';
        CREATE TABLE IF NOT EXISTS "notification_preferences" (
    "email" JSONB NOT NULL,
    "push" JSONB NOT NULL,
    "digest_time" VARCHAR(5) NOT NULL,
    "weekly_day" VARCHAR(3) NOT NULL,
    "quiet_start" VARCHAR(5),
    "quiet_end" VARCHAR(5),
    "critical_during_quiet_hours" BOOL NOT NULL,
    "next_daily_digest_at" TIMESTAMPTZ,
    "next_weekly_digest_at" TIMESTAMPTZ,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL PRIMARY KEY REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_next_da_aa59f7" ON "notification_preferences" ("next_daily_digest_at");
CREATE INDEX IF NOT EXISTS "idx_notificatio_next_we_98612e" ON "notification_preferences" ("next_weekly_digest_at");
COMMENT ON TABLE "notification_preferences" IS 'A user''s channels, digest times and quiet hours (local times in their zone).';
        CREATE TABLE IF NOT EXISTS "push_tokens" (
    "id" UUID NOT NULL PRIMARY KEY,
    "token" VARCHAR(200) NOT NULL UNIQUE,
    "platform" VARCHAR(8) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "push_tokens" IS 'An Expo push token of one of the user''s devices.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "notifications";
        DROP TABLE IF EXISTS "notification_deliveries";
        DROP TABLE IF EXISTS "notification_templates";
        DROP TABLE IF EXISTS "push_tokens";
        DROP TABLE IF EXISTS "digest_logs";
        DROP TABLE IF EXISTS "notification_preferences";"""


MODELS_STATE = (
    "eJztXW1z2za2/isYf4kzo/o6suN40judsRP3NruOnYmddqc7HQYmIQkVRbAgZEfdzX+/AE"
    "hKfAEpQiIlksbMbu2QOCD9AATOec4L/nMwIw5yg6MvAaIHb8F/Djw4Q/yX1PUBOIC+v7oq"
    "LjD44MqGc95CXoEPAaPQZvziCLoB4pccFNgU+wwTTzS98AC0bTL32FtgU+Qgj2HecgB8Sk"
    "bYRQB6DhAXmYtm/GcADhlGdACgM8PeyyPxFIfY/DHYG9fV4dzDf82RxcgYsYkE4d9/8MvY"
    "c9A3FMT/9KfWCCPXSWGEHdGBvG6xhS+vffny4f3PsqV42QfLJu585q1a+ws2Id6y+XyOnS"
    "MhI+6NkYcoZMhJQOjNXTeCOr4UvjG/wOgcLV/VWV1w0AjOXTEQB/87mnu2wB/IJ4n/nP4U"
    "vVqimWXd3N5bd1f3lnWQGzfxChnko0s28cSYY46sAOZ72O8KEHn1QDzg3S8Xnw9Pzl5KCE"
    "jAxlTelHAdfJeCkMFQVIK+QhnNIHbzQL+bQKoGeimQwZq/ajMoxwA1AOnBDH6zXOSN2YT/"
    "82R4XILxrxefQ5iHxxJnwr/G8Bu9iW4Nw3sC7xW+PgyCJ0IdawKDiQ7OOcF68I4vrABfLS"
    "c7R3z4+nUFxHmrQsTlvTTi8qcG0HH7HuL7qtKMflUyo1/lZzTDM/Q38bQwTsrsDueDL/fv"
    "mlqN00CfnVbA+ey0EGZxK43yA6ZsYvFlW4Hze35VjXNaKoO0uCwG4ii+vwbzaCVuy9QuQf"
    "j9xf1VBr8AfdOZoFHzjeZmy3DKLAFnVVaAs+IF4Cw7M58QHk+YNR3n8f3ZJZCpAU5JZWAe"
    "CbHuAV02IW+/XF5fgU+fr959uPtweyOeMlsEf7mrm+ISv4CZhODz1cV1BmcxjBOaB/mDVw"
    "DxSiCDL3/h7qHLX5f/+GH46vTN6fnJ2ek5byLfc3nlTckAfLi5z8DJVWLGn6cHaVrIwJqH"
    "1WVagMbNDZR5KPnfxQKdTWspsEOVaoY4KPZutKr69y7BT+jprUg1XZsEeEQR6iq8OLAk95"
    "OH+JIQF0GvgLtJiGWQfuByTUG9vLJb3eDy9vZa6gNBpA9cfrjPQPzl4+UVh/5lWkfIrxiS"
    "i7EeEcX8QQq6rBT1vLDBXgN7DqyD6AOB1LGIzyztWa/uwIyBxhhIVpPP4EC8XXUlJCu2kT"
    "KyEeTHHVFFbIrEX26FZlmefRA0ghrbtGQZAyF+6SLDxv9A59ZzFwehQlqC6/2Hj1d39xcf"
    "P6WmuyArxJ1h2iiMrh5m99tlJ+C3D/e/APFP8PvtzVWW61+2u//9QLwTnDNieeSJb60JWj"
    "2+GqOWVkB9Z8NRT0uaUW/LqMcYJYZdvr1wuo2mCYeQuPAA7emT2I1Sd5IWNNdNg4nFyBR5"
    "CkPlMpL/+Z+fkQuZenGNPJ+fw77uRVcdnA7f4w8gvrqaFgmijNApmatMOh2kfgt76StIEw"
    "RdNrFCs3JLqH6RfX1cWqh9xMtBj9hGWwL1XnbSW4i4XbOwXAKdbWESHV3zfvqKlLwj+E30"
    "KOI3tkPrPursSvTVV8SEEzM2HbbE63fe1a8rI6SPaPku3BalT7yLPsNjBSioYTIJmO7Cnv"
    "qKFvSguwi23fouZC846CtK/K5YniQKW0L1LtFVX+Ga8W8GjredVB/DXvoKkoM5QtuqB+9l"
    "J9dk3FeUPMLwCNt1fHk3ia76Cpc/r4lK+DTvIY8g+BgyJEUMTfpWwinBjRUrYMqosRjTWw"
    "/dE/6f9cgK0+cu7qxbvnntL9byKRohijy7FuiSX/CnVM89wVFMx9lwlpmgM66kjeVbiu6E"
    "sIrvU2RCZPnA4oyIPAu5PjWCDxmI5ICU+xFA3nbGzXuAA8ANMeCSMfZeBMCe8L8SkBGghI"
    "VLeT4xYvvuTFrELjyNW6RFhKNp6YGdEqoT8/wisMssiW0QTnBN4kPRzoJIS/Uu5aT+uHHj"
    "uS2Gvps+vCqeW/TNx7y3DUY9LdnDUe/IKCs8tQoHfbCZdz6o87Nup4bai/Gl6JHvd5sMcV"
    "rSjHKbR1nkdGtqlgmRZvXKtgzqGsUyF7+SRjcP7c+EIjz2/okWEuAP/D1gZJCrDfg4Nb+b"
    "kObsdX6ZwqelOZmcUPxv538xCmMs313cvbt4f3XwvTggSIua0qQJ4mAXBUOQiIMpJgeSIT"
    "fVaIHI/SZM9NgbPhDWO3898LAAE+g5A4BnPqF8DoARJTNh64vqB4SCYMHnkKMmCOrqWEEV"
    "/Hs5yQMhLn9hkEbKOwc40YDMaTjN0TeGqAddMep/ZMiGRPtVPwPJHvxhiIi9EhHLEa6cyR"
    "oL9DGfvfaMlfR819G40pLGcGq1yuXMacjyK3xNJUnLabENs5Y7NK61pC2TRxFRJia9Jto5"
    "SZMmXgFvB4eqrDXTm9opMYN0BaS5kvwYLgdj/khNvFXCBvUKqMNHdc5+CdYrEYPwFoUmyp"
    "bqolITBuGiOexDvtgGls/t7qne0qGUNrhXwN2GLqFYFd1XAndSyKBcAWXqK0Jm7mbQdYvr"
    "qvgq6q3LVUBOhm/Ollm34h9lCbd3Hy+ur/NZt7KSpo6tvxToX92q4XGV0nW8VXFpwONc6T"
    "qPMNVicI++FczTpUAfAC4z6K/+dZ+y5WMYDz9e/OtlalG4vr35v7h5AvZ317eXWW5lyT1W"
    "5q6WErusaAO9OXSbYgWbJrCStK4G0hmxPkzvbOnL8ypQD89LSl+e59hC31WWaPrH3e1NER"
    "vrqms0Odhm4L/A5WZ4YzN7RX8/zLHLsBccieftgwEXCJUvMNm1ZJBmAUUH2QVmQi2Zjxcg"
    "/iKqZM/icVGIbjVALfsWdj0SbpQkW1nJjgWMgl1BwQ6j+rV304xYD9f42ndTEz1ZDH1/oy"
    "dN3Zu+jbrCKVhQSUMzECsltEU0Q8vW1XpC/E1gmwlsa31gW34JqAHUygV12vndr0U1teyl"
    "cOVvAG6+XF+XRQy2oOJFR3DfNO+X94Kgwqukn7gahVneLTvsEbD6gagRDMXhqCuc1galWu"
    "EgVYxNvZ8g8MtnEMCZ76JARJFCEHU0AFPkMwB9SBkICGATyCRPEQC+Ti34r+MJywel1tLj"
    "FomrMQx6CkJaarfxo63UEAagOFh0Qq1oeDW5sISU4SlrYcdyipxOQH3uo8kPZ7yiV1RQtq"
    "gi2YbvZK2Ckl4mKqQ0bJWmkCo0qdgcsoUoi/eGfPnLamkLDly8CEB0PAlf1gf8/78OQOAi"
    "5A9AeNiOPJ9RbDpBQQ2DTTopTUeQB0tlkwtMAsFe9wTdI8RqOjyspfajkqLPnx5WdljQms"
    "iWvp4YVEeAy4Q+WjO9aKyViHEVVXAVybXbmpA51YM5I2ewrox1YBOqHf+WETXLRApYc8Lg"
    "jiawVOu05+5SykxbE+9mPPTtmcrd9NUaD/1zHPUqHnrjTzb+5H0Tiy0tlBI5nBXc48oVXc"
    "w6Jg6RWU83XgCfkkfsIAqgbZO5J1xD3jQsYwKBAOhHwDdXB3kM8y4ApAgEjM8jByDPpguf"
    "qWqk1NdtKSUZP8TQku2iJZfjoqEuJ2V6WN3kZFhBWT4ZFirL4lauNoDvwoUl/60BdFauf6"
    "HDjaSXRVEy2minxQzYlcBObA15sIsz+jJivVhGdp3YBx8hDrHIAV964nFKbocHHccbaGfP"
    "OXZhwCxRE24DAzgra2qDtsfizRMdq9ESp3jMFUtbSb6PQnaHvKKHHqMogA7SihI7RCnRUk"
    "jTUv3buF9X2rhfl2zcr/Mbd1jb0uIGH3Z1F7OsrFnM2ryYGa6++DvrJmtruPrnOOqGqzdc"
    "fQsgbZKrz0Vcb5mdVD3eup36R/nBeUINq+UI+jveUY8mpF761kYuH4lYodsnxnOd68dajm"
    "DFKvm8eZgxFMq/BT7yHBE1/sNPgM49L/qVTMF/eT/YLayKv2FH5sC8FmxQgxJ/jj5d0TxJ"
    "kQc6mmxdZSn408djPZ9ZQsTEmFWEmSL+pwab2TBZWWPFtMWKqWK7tug4iHbqhW0f5Eq81A"
    "h7OJhsNMwZUTPObR5nrtbiR8wwCqz4oKX8eBfGuRdIbxT0vtESftzU+h2GvA9fnb45PT85"
    "O13GvS+vlAW/572TUfLqJhirRA3AWYAhY2jmqyiJ8kyNpFxvUK0jU0Pb0Wd8fHo+vr3WVm"
    "ubvtwII7z70lUthXWL2lX7juGG2F1ci0K4Kj5veXNQSueJZpao9KrB5kE2ERD84MAFOHSJ"
    "DV0gFNaXHL8JAsF8Jhg6zIK4PFDwAognRFWC5j5gRAoA4oEnihlSc33NPMYUoOgYM2gKUG"
    "xQgGLXBbU30/SOmtL1Gk58LvbxlSvUSTmjUCf1va6dr9nZqbvP4x6fF9I2U4Qnlp0bxlQh"
    "iabyhPJAPE1socG2Orb2XKVwlaEbSxh8q6wLE0q8sK5f9bVhJWMwroCxiSEt1tq66X01Ma"
    "T7ZgxNDGmH6z0IJvCOQfkuOa5wdXNQxhWG50GJdho1yEWKE7DJzOcqggMoDqYyfM+L2b2B"
    "YOkosgl1xFX0iDwGCJ9BwEcUIB8H/EXUxcjr63qL6MD2rDltqLNcM/UnxtRy+cAptP1iZ1"
    "taaodRay7flpratZs+BjT8Gqw4DCkMva5KuaqltyRgO6Sx5vnXeFnaJHctLWpU0LaroDmd"
    "SWeLX6dfadbp31S7asPmUbNutZW+dC/eg7/zlVAaVDpTukGp3sSippbUQCrqTndkxnURkc"
    "3gEYZH2JZEdwDYnHqAQ0QAdBFlATgkj/xn/AiHQ2LzYR+Ao6Ojl4OVujNFi7wW1dRDSn2s"
    "Uz7J5E+0MK7Wdulb8dBU1bTi9r2ogpNWsU6rRDWdFgc1neZimsR818E2bN5DaM+rQHteDO"
    "15PlyMT+g8tsUnFsXt23FWkXhsp88qMjUb+qz2VqrZ0BoWpL1WomFe22Qd7Ix5/Z146FdE"
    "g/CvztkRydulVsTfvKH1GLbUOwPSp2SEXcQVejAilKvqI0pmIoM6io08FF2H9XGj/sMiuj"
    "LYsvAcyO17LbUS0GiERAINskS/xlBol6GQGR3lTl9AFeYkn3WcplCM9Q8JW0mZI1Qymdfm"
    "3LUGYHWZPqCxjIEyBeUDpmxi6ca0p6WetWPF2JfGvjT2pbEvjX0Zov7JhUrDUl4flFmUPm"
    "9R/QwX3lgYetzCGxPovg3pS2HQiWS8r19j59BRPPqWkPj6FfxJHkLTUGTqYc+fM8Vp0g30"
    "vz6mZ2VsJraGP4xluVfLUgy+jpskbt9DP0kDhamgjbR1z5TQc1Y9HbgILJ9vAk8ITXXNoZ"
    "zw7vL/umEYuYRb33TOd1ao8JOusTUzssbmTEHLIOWboCU+VFWCZSGsObke4VpbcZ1Q5bA0"
    "vftpqR5uXmenFTavs9PCzUvcyp423b4KoQoHf9Rph6uEirK5c4osrhQHqjjg4sOx8pJ9qH"
    "dUxqM0cTyWjKLWVtPSUs9ZT0Oeo41eUuY5YxfMZzNIFVtZ8UefEDFfu/7XPoK2qpBIcfDa"
    "UsBEr5UPxgbRa8I40xqMpUA7BkM8rzeDwQiDrhWgYBnyomMT5qVNxZ1MgpJgsJ2NAVb3YE"
    "A2hVcbnLXG+/scvb+mmkfPRj3GqKyah/jLFhudoLGSM/X12zPAJqpjk0E1UR2tjepIsCaF"
    "KrTOkXYiYuMu7KlHgDd6pl0SsoIYmASi5aEwKTOmWiFsISbSGiLJH0FkE4mMaszADC6Ai7"
    "2pDGGJar/y3yEDDnZ4A3XZ6zo6VaZW+FFEkCrxWlUC20TB7C8R2+QKN+Xd2iR4w8RsFJRt"
    "1vSymNLsgpgUf7XGxx23N193ha+bPwd5AWaawRgJoR7CfF6l3kJxuYXcKaJhWFBZJfF1IU"
    "Wl5cRNWFECqJLC+GtBLquOb0BeAeWLCNcZ5kDJCM2pXmn8sk5MseYKxZpTAPJ1a/tRyHRi"
    "RqH6KEyoJRL3tRSUnGQf4kDSW+jJsMIeejIs3ETFrewRd6vXyoFdHG2TEeuFtrLrkBuGfR"
    "3Io+Z9mNS7RnoZI6BgRglxEfTWxBYogH/ggk1N8uWV3WJ/eXt7ncL+8kMW3C8fL6+4LfQy"
    "vY6XxXVsVnk2KWu8Z232nsnRwrHzprKilBYzqlEF1Uh6B/SI74SI8VNmD2cxbt864Yx8QJ"
    "qIpqW2ALU7S8HmrvTYc7alKz1Oye/mNF3rSk+seWpXenYRqAHS5x6doFgIakD1t1VPnfz6"
    "1+KaXv1S0PJXADdfrq/3Vc/jwoPuIsDhspWJZ1jeG5QFM9gE2hMLyrZVj+q5AFJKxBjA6C"
    "HiMB0RY0CRLQ7OkZkOA3mQNkPeqjCHlDuKnhbW41DV96i7e1Peo5OBDR1J4vWR53Q4g9dH"
    "FBMnPI5HTQIUWC0ZueecCRlhgVQnIqxFECnPRXhW+HFhFh2NUpVoTYgYstVkknY6edGn5B"
    "E7KhuneKtLyvThA2h6m5O6rw7AS4H+oVt/vZV5wA0UneVkKbDVctIylHe9bpjiK/vdRE3K"
    "7oFJ2d3VCt7N5M0qKbsmebPv7mfjxTPJm/um8Vtakvsd8cSRR5AVpCWm7g/KqfxVy8pMPp"
    "uIVVTw6zMUCJ08AA+IPSHkAcj/xyYCJv6rIyn2kGBXMPabdqPDzCfqMxhmfr/MPMPM1Qv7"
    "jQV6EYOa4SqGVc4o5a2K2Yph7pRSowk/R03YFK/p26gr1ONc8RqjHRvtuMPacUJljXS/PN"
    "w6pU0+hr30COxGy5rEcClshwSSxWZDctCqVTKJJN5KXT7S7V8EA0DoSrt/EXBtP3hCFDxh"
    "NpHn7UjKX9oAYZiGuqJJnZ2XHhpruxh5MqorX9/EzhhdJiioNaYHJXqWR9y+j4ZH7U7SPc"
    "RhtA3iXfuQOhLkFqd7NbVYND6zl6u9BtIpoT44SJsOAzCBLCaQpdsz2ASyrNkEGwlkQZQS"
    "ykF1tFS7tFT/Znf9dSQMq1wMfTf5xSqssknzfy5xFkneQpNRVogaZtkko++QqM+SblsS9t"
    "nAiW5CvJa4V3y3JqF67z6RJgn/93iMAnZNxgcKyn91c1BG+juymeWSceVIoVAEBMhjbwER"
    "tccRBQKiAZjygZTce5jRBg49xOckYE/YRi9V4UJb9VXK6gtxOWGT2YlZgt9Q+Hul8OMxqm"
    "rnLce0D/xyo9V2W5LL2zbMO5fM220ADctQ/PX3l2UwxpGJYjIau1JjvyEMj7BdGOOful+q"
    "t3uJlhoRO9j7gfcJktI/gq9fx5TMfWuKFl+/ghmcogBADisej7nCjR0084lw7YPDWEPnmr"
    "jHFAp9M48o1fOX/ZacTpSM2hmA1XWxBps4nn2nECzMySaN+XlMfkYC3uFxlfwM3qoQYHkv"
    "jfADcRTHxhSHScXte4HvrmOkxCKSB7vYJx+3N6VqyodiA0+93DtzQ1Fanz0WMaXZNUqzC9"
    "A2TIk3ntoOeGpX+qvGLp0S6sVOYjIpDRtl2CjDRnUR0t3k1HEx/Igo3jarLskxvQ/7XPQI"
    "+0ZT7JTYreHxkhhX4/Os9FBXY/aSHQD5PwTsiTgU3H0LosrE4IefhKs98aswg0QJOOTwX/"
    "gYIUrlr8EU+z5y1Axfc49SMn1ehhSNHqXg+1YJMYE9Qc6cP8saEWoovj1TfPGIaWi4CZEe"
    "6rc1e/s7kjrW8fropsjjQb1FHtOLdA7VcpssJ2xojjbTHEIB2MDyToiZ8W3z+MbJm5qJtR"
    "mx/qVuNeJzcmHALJn0puN5Skv1Aepdu58Mg1g863vMIJpabD0bdcWOlqvFliJk9GgChajh"
    "kct55CzHsyWfnI2j6ybEa3llxURra7TjJyoYPyRGbQ1fmmg5qMyY+kuhymlMgpR/EcTEZT"
    "CIc5HEUhzIxKO/5hgxMCFzGoBDl9jQjW5iT5QgwxT8TTx1XlO9na8vjlxIcLbH/bWe6mzl"
    "ojUo4TXRDGIFq1kcj7QUMAFJ5cr5JmdnzYOJzljE7c1Q1D4UUVJprNRWJQMyYjtkpo/fvD"
    "0+3g0v/boCHfC6kAx4naUCxAm47sJyoFb8UFpqh0DPQn1sB6HUVSKpiwOpszDL3boonbIY"
    "54xYHziXRmdziJcy4XIdyOp8SwNxPgoOM641u5YzFy9hhehJPTQPemk475qeTJSvRpSvh7"
    "4xvhxjsSiHu6A+21TUx04cJy1R5lvOMuXJRTlo8Xa81cirOjFD3+KhN7xy8Q7YL145R3zq"
    "8HHrgm1vPXRP+H8aDrVtA31Tc6BtbeTmPZr5LmRrqc1lu0FlYpNFIlVpTQ9AZ4Y9QB4Rpd"
    "hB4iQ2CEbYFYnZQPJPqz7/BxxSrjcjEYjJ7/4De3/C4YsABNBzHsg3FbNZf/9bkJsmenMX"
    "LKf8mcO52B6L29dDK+x13Wm6yHQwf/gT2VrHLCREehEYu+sYjgmbuZZu0nZKyMC+AexMmC"
    "i6sKeEDOwbwG5sjOK13dgYDfj8P82DyT2ZImV5o9XNUgVYeOa4PsjbVdd6r775BAhBIAWF"
    "WirSkvgPcVhY5I530CO2keK8sU06MHpry/VWFs+0qorrUqB3mmsjUcjCxhsROtOBOCnTiw"
    "290bwuE2/ct93bVCzYd6SpqVjQcMWCJrXLC0SxPVGpltGdUr0SrtqsUymLAa1Z7SvMGlV+"
    "zYp80Wj02quIhPmiw1enb07PT85Ol0mjyytlmaOxp7xYyxNnXiiDxouVkIRID3WQ4esqES"
    "O8VbGu9zoXNSI+Kg2Eo+Y9RPdVJU36VYkm/SqvSReetlscvVp82u4OAlj3s+fXFqq6V6rk"
    "+/8DuFQ05Q=="
)

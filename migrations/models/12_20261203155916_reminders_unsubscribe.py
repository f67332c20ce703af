"""Daily reminders (their time, the next instant, one row per user and local date) and
the email kinds turned off by one-click unsubscribe links (when, per kind)."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "daily_reminders" (
    "id" UUID NOT NULL PRIMARY KEY,
    "local_date" DATE NOT NULL,
    "due_at" TIMESTAMPTZ NOT NULL,
    "status" VARCHAR(8) NOT NULL,
    "reason" VARCHAR(16),
    "notification_id" UUID,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_daily_remin_user_id_4f99d8" UNIQUE ("user_id", "local_date")
);
CREATE INDEX IF NOT EXISTS "idx_daily_remin_status_037d8f" ON "daily_reminders" ("status", "updated_at");
COMMENT ON COLUMN "daily_reminders"."status" IS 'PENDING: pending\nSENT: sent\nSKIPPED: skipped';
COMMENT ON COLUMN "daily_reminders"."reason" IS 'NO_PLAN: no_plan\nREST_DAY: rest_day\nCOMPLETED: completed\nQUIET_HOURS: quiet_hours\nTURNED_OFF: turned_off\nLATE: late';
COMMENT ON TABLE "daily_reminders" IS 'A daily reminder: one per user and local date (never twice); pending -> sent | skipped.';
        COMMENT ON COLUMN "notifications"."type" IS 'PLAN_CREATED: plan_created\nANALYSIS_READY: analysis_ready\nOVERTRAINING_DETECTED: overtraining_detected\nWEEKLY_SUMMARY: weekly_summary\nDAILY_SUMMARY: daily_summary\nPAYMENT_FAILED: payment_failed\nSUBSCRIPTION_CHANGED: subscription_changed\nDAILY_REMINDER: daily_reminder';
        ALTER TABLE "notification_preferences" ADD "daily_reminder_time" VARCHAR(5);
        ALTER TABLE "notification_preferences" ADD "next_daily_reminder_at" TIMESTAMPTZ;
        ALTER TABLE "notification_preferences" ADD "unsubscribed" JSONB NOT NULL DEFAULT '{}';
        CREATE INDEX IF NOT EXISTS "idx_notificatio_next_da_d5dcd1" ON "notification_preferences" ("next_daily_reminder_at");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_notificatio_next_da_d5dcd1";
        COMMENT ON COLUMN "notifications"."type" IS 'PLAN_CREATED: plan_created\nANALYSIS_READY: analysis_ready\nOVERTRAINING_DETECTED: overtraining_detected\nWEEKLY_SUMMARY: weekly_summary\nDAILY_SUMMARY: daily_summary\nPAYMENT_FAILED: payment_failed\nSUBSCRIPTION_CHANGED: subscription_changed';
        ALTER TABLE "notification_preferences" DROP COLUMN "daily_reminder_time";
        ALTER TABLE "notification_preferences" DROP COLUMN "next_daily_reminder_at";
        ALTER TABLE "notification_preferences" DROP COLUMN "unsubscribed";
        DROP TABLE IF EXISTS "daily_reminders";"""


MODELS_STATE = (
    "eJztXWtz2zbW/isYf4kzo2YTx0kz7js7I9tMoq0seSU53XbdoWkSslhTgJak7Gi3/e8vDn"
    "gRLyBFSpRE0ZjZbWwSB6QfgMA5z7ngf0dTamDLeXPjYPvoDP3viGhTzH6IXW+hI202W16F"
    "C652b/GGc9aCX9HuHdfWdJddHGuWg9klAzu6bc5ckxJo2iZI03U6J+4Z0m1sYOKarGULzW"
    "w6Ni2MNGIguOhaeMr+ddCxa2K7hTRjapLXb+ApBtXZY0zyUFWHc2L+Z45Vlz5gd8JB+Pfv"
    "7LJJDPwdO8Gvs0d1bGLLiGFkGtABv666ixm/dnPTufzMW8LL3qs6teZTsmw9W7gTSsLm87"
    "lpvAEZuPeACbY1FxsRCMncsnyog0veG7MLrj3H4asaywsGHmtzCwbi6P/Gc6ID/og/Cf5z"
    "+nf/1SLNVLXXH6lDZaSqR6lxg1dIIO9f0imBMTcZsgDMX16/S0D41SN4wMXX9uD4/cfXHA"
    "LquA82v8nhOvqLC2qu5oly0Jco46lmWmmgLyaaLQY6FEhgzV51OygHAG0B0qOp9l21MHlw"
    "J+zX9ydvczD+1h54MJ+85ThT9jV632jPv3Xi3QO8l/jONMd5prahTjRnUgbnlGA1eAcXlo"
    "Avl5OdI37y4UMBxFmrTMT5vTji/N8SQAftG4jvu0Iz+l3OjH6XntGuOcX/paQUxlGZ3eF8"
    "dDO62NZqHAf642kBnD+eZsIMt+Io35u2O1HZsi3A+ZJdFeMcl0ogDZdhIN4E91dg7q/EdZ"
    "naOQhftkdKAj8Hfy8zQf3ma83NmuGUWAI+FlkBPmYvAB+TM/MZmw8TV318SOP72aKaKwY4"
    "JpWAeQxihwd03oTs35x3FXQ9UC46w06/B0+ZLpz/WMubcIldMF0OwUBpdxM4wzBO7DTIHZ"
    "IB8VIggS974cNDl70u++eHk3enP55+ev/x9BNrwt8zvPJjzgB0eqMEnEwldtnzykEaF5Kw"
    "pmG13FKABs0llGko2d/lOmU2rVBghyrVFDNQ9N1oVdXvXcBPlNNbsWi6bhPgsY3xocJrOi"
    "rnftIQn1NqYY1kcDcRsQTS90xuW1CHV3arG5z3+12uDzi+PnDeGSUgvrk6Vxj0r+M6QnrF"
    "4FyM+oRtkz1IQJflop4WltiXwJ4Ba2D7nmq2odKZq5ae9eIO5BiUGAPdxoCJ6lkPaSMZrF"
    "0x+HHJPEMZfjhEIoj9gUafWAtfb8oZkFHnShmO2lfXsVEBmxrunMRtF//qcXJbCDtBv3RG"
    "XxH8in7r95QkJR22G/12BO+kzV2qEvrMdoAI+xtcDVCL60kzY81Rj0vKUa/LqAcYRYadvz"
    "34hsaPEb8FXLjX9MdnWDRjdyKb4hP4ogSLsS/3+ecBtjSObHoS+I45Bfo4wPH/K5jxwdXl"
    "PIhawkzHdCaqSx8x2RCogdfXCLpqKl4OdhzW74ZIDb1emgrSM7Uf6XzT7+4Xr5emgjTBmu"
    "VOVM+G3hCqr7yvq9AcbyJeBn4ydbwhUJe8k8ZCxIy4hWpRzdgUJuioy/ppKlLgfwRzt4K1"
    "/DfW1Tevp6aiNbO0TVG6Zl00GR61GsUAYGq4cqARzVo4my7kbd6L6TQVJXYXlieOwoZQXU"
    "S6aipcU/bNaA+bTqorr5emguSpBzaewkvaVagIA7+vxiJmsjm1qR1zyTvp0oemokSoa45N"
    "vYq1qhfpqqlwzeYV8S3X8waSLcDq0ROaxfPFb0U8MMxYUR1XGCIXYNoneETZf1YjC6bPMO"
    "jssAIRSn+x6szGY2xjolcCXfQLvo713BAcYTpOT6aJCTplau0Df0voDoRj7LEg3yOklbMT"
    "PviDIeRoSWOvTv0Y0il2J0wKacigU9YDsrFObQMbaExtRCH3wkEuZZdZR+yHFqJsiNAM2+"
    "gYckxa6JGBzv6LF4JMkC30L0gM+TfPdoGb0Jb/ixdHv8t8kTrliwRDk46gUch8yrHusNfQ"
    "/AUghnkgW+dI+6PrbrunXgyU9ki5PEPczvedxbek3Wt3fx12hiq7ffnrGdJ8i1QFt9vilv"
    "S/KYPRoN3pdXpf1EtlpFzwTiizxcLv2sAu1l0v4KJsxM5pkXD+0+xo/tNUMD98YcLRFH81"
    "fvM6D+CawVCfikD7KRvaTylo4RNKY/uPYb8nxjZon3RLm2xB/RNZprM1t0hkXbqfm5ZrEu"
    "cNPHYfSxPgE/NIBxAfX7X/lUT/ots/T65h0MG5jBNpeMRAoTgRpk2o5bSCiEiVqkE99No1"
    "NIFUAEYc3TS0n6mNzQfyM16kVAGx7RCkQB8mpClTgV22tedQO41OKPa3s78Ye7FsF+3hRf"
    "tSOforO6KllFVc0kLpmlPTvYDUbnFieux+rr1iQUtV95oWNFdGE4y4BKJjZlHwLjw7gmDk"
    "zO//YAoSmAozFzFL49qblsN/dtOGydo93ZJbAsJcglkuE81F07njogm1DPQ8gfT2ATZMB7"
    "H/GfSZoGOLPpjkNdJs/5HM9mGGC2aymLxBzFBGNn2+JWDyeO8B6fH+O/zEXu6ZTVX67D0K"
    "EzCd2Ldhs4drD2BQsausJ0Twd/YSprtp9vw+Fbsa5XSfvC2i17FW2RnGb33NLtsmYh+5YJ"
    "fJzIEJmq+VA1O3hbDqJBjvK1HZB+Ksoa6lpXejsu1ygh+IhiaI6fRUtBJBndvcAmORi4It"
    "MBnZmL0FpuMpV2+BfLvw5BCXgx1irE1NawE7DmxffL955SB9AtsD299s6nr+lvQ+uHl3sl"
    "BLDdTtvE3GG82S9kxMaLsWTU2WwJUIR5IB4UMpXZclLtU4han6ShaSfMmGvrnkC/4+M1lv"
    "a4x6XLKBo34go5ypwCU4trUSsZwqP+t6upEbMb42fmL73TpDHJeUo1znUZZMuWTKJVMupA"
    "mCyHwBQxAJ2s8mB6I5AsVoAYfNCmz8wIx0L/3pDIhtMN45oQxs9dKEj5r8Djq+uzONuzuw"
    "+JkNLyQJqur8lgS3PRPzlYNM4/VPvAdN19kfHcjpmm0vOLVtGkhz0N2dA/0UJB3+HZ0XkS"
    "3ld8lG7JWNMMKkuqJ281KigdEjWym0KQ3nbPSbazhbmuOqa5pVSdkGjvyBjHQhtVtyJC9i"
    "mKUN/ZJGme1MDhXUAisWIp3upcYliY+6/S/9m9EZWBB07t6SgfJ5oAy/qgPlZqicBRYE+2"
    "PYnnRLrtvD4S/9waXKNJ7eF3Y/LHHPbA7ywFp4/antbjfoU9UsC/q96o94h1PqpgybYnEg"
    "hcJAcqJAktqZ5EwkZyI5EyFnElTxEXAmkQI/2ZxJtJZQQc7EY1mAtggSLVqwgrDXQ/cLxJ"
    "YXo4XM6YzaELY3tukU4iMgyI/ayFmwOWSIgyqq6jg33ckBcf4DBAT6BEcLRRrQue1Nc/zd"
    "xTbRLBj1ZGZUpP2ynxbnOCRdsl+6JBzhomxJKNBEsqTyusPx+V5Gw45LSkOq1iq2Mbe99G"
    "VBEn3O0RNxsTXPnjigca3k8An6BMmKMOlLop2SlId9FMDbMD1VVp2Wm9oxMYl0AaSZkvzk"
    "LQeQdlESb5GwRL0A6tqT+OSVHKyXIhLhDY4Lyluqsw4MkghnzeGZxhZbR50xu/ux3NIhlJ"
    "a4F8Bd1yxqm6JCbzlwR4UkygVQtmcCd/5wqllW9ulYMxH1dshnOb0/+fFjmMEGv+Qlrw2v"
    "2t1uOoONn4dcxtYPBWpM9a9p6leYfhmrZCVaDEb4e8Y8DQWaAHCeQa/8axSz5VO1M8JFod"
    "vvfQmaJwtqJLiVkHsszF2FErs8l0wjc83aFiu4bQIrSuuWQDoh1oTpnYyr+lQorupTTlzV"
    "pxRbOLOEB+1ll+ZZStSjOA88rzHFeSa2ykuzO5i9iKiKffa4CEQ3GqCafQu7HgnLr/5fWM"
    "kOBKSCXUDB9sqVlt5NE2INXOMr301l4Gw29M0NnJXHwjVt1AVOwYwjgkoGYsWENohmqNm6"
    "Wk1ZBBnYJgPbah/Yll4CKgC18Elh9fzuV6IaW/ZiuLI3QL2bbjcvYrAGhx8dCO7rHmjAes"
    "GawKtUviK/H2Y5DDtsELDlA1F9GLLDUZc4rQxKVb1BKlHp8usAOdp0ZmHHK1Lpd+SXpdRm"
    "mu0ih3p1IYGncKAu5IL9+DBxxRUvN+5xg2JfAQzlFIS41G7jR2upIbRQdrDoxFb94S3JhU"
    "WkJE9ZCTuWUuTKBNSnPpr0cAYrekEFZYPjcevwnaxUUOLLRIGUho3SFGIn6Ao2h+QJu9l7"
    "Q/pc32JpC4YGhRPYnHPhbJWvgxb7/7cWciyMZy30jGHB9soIs03Hyaj7uE4nuekIQHTIY1"
    "fqtScYwlOugNbKYDj89nlk1uHaj0KKvj1SkiEt3jchDItbEdkSk5QBLgmH3ZM6LReNtRSR"
    "rqICriK+dqsTOhed2JkDc0JOYl0Ya0endun4t4SoXCZiwHqah/r4UGoKx6TkBC4ygblaV3"
    "ruhlJy2sp4N+mhr89UPkxfrfTQv8RRL+Khl/5k6U/eN7FY00IpvsNZwD0uXdHZrKPnzi1I"
    "N7bRzKZPpoFtqM/Kj0yzTPLolTHREAD0E2Kbq4GJa7Iu+DlnjsvmkYEw0e3FzBXVSKmu21"
    "xKMniIpCXrRUuG41JCXY7KNLC6yfuTAsry+5NMZRlupWoDzCxtofLfSwCdlGte6PBW0sv8"
    "KJnSaMfFJNiFwI5sDWmwszP6EmKNWEZ2ndinPWmmh0UK+HNKLawRMfYxuQTy90xwW9AHG+"
    "huoT/v97sx6M87SWxvrs6VwfG713GmLs0s8erMUBNu3crOEVlZC7Y+Fm+a6FiOFrO73Llg"
    "aStWDVbUzw45RoKf/IiAEjVhe8o3ZcAGGWRvSf/nM0Qfb8nndqerXMJTTAsbt6R9M/qqBh"
    "cZlhM1uDNQLvq9nnIxgjs2JPYRrMMftsaWVT1xyUcE2zYtpfLGpZqnGnwopBp8yFENPqRV"
    "A696pspMStMqu1wmZeVyWeflUnoDsr+zw+SFpTfgJY669AZIb0ANIN2mNyAV071h/lPxiO"
    "566h/pFJ2kCrchQJ4jZMg6atCELJcgtpZTiSOW6VgK8FzlXFLDESxYh58193KSguMFZ5gY"
    "EJf+w9+RPSfE/5E+oj99WzCj7v6aHW2Q2SQ9RjuphL8RIbJ9GiQNuj/xyvIg10rvstP7Ek"
    "7cWzK46fX4FX/+ZrEj9WA62NMfHrI8e6tHKiJe96i4o6t276bdPUOe9C0ZXnxVLm+6yhly"
    "9Ak25tZaRw5VPyQ2ZlA469lMSVlpNdXFaipiK9fogIt66qF1H+RCPNjYJKYzWWuYE6JynO"
    "s8zkyNNp9M18SOGhwdlR7vzMj9DOm1wvjXWsLfbmv99oL4T96d/nj66f3H0zCSP7ySF86f"
    "9rf66bjrYCwSlQAnAdZcF09nIgokP/ckKtcYVKvIPSntWJQ+xXI+xb1Wi6ubvrwVBnr3xb"
    "hqCusG1bj2HZWumdaiC6V9RfxheLOVSx9CMxVq15ZgDzV3AhD8YGgLdGxRXbMQKKyvGX4T"
    "jJz5FBhB03WCgkfOKwRP8OsezWfIpVwAUYKebdPFYm5xO4+RJTUOjImUJTXWKKmx6xLh62"
    "l6b7al6205lTvbp5ivUEflpEId1fcO7cTQg526+zzA8mUhrbuCcMi8k9BcUQikrKUhPOKv"
    "JLaaxLY4tvpcpHDloRtISHyLrAsTmxKvUmHxtWEpIzEugLGMWc3W2g7T+ypjVvfNGMqY1Q"
    "OuYAFM4NDV+LukuMLlzVYeV+idcAXtSlRVh5QqpNPpjKkIBrJN55GHC5KA3WsBSwfpY7YB"
    "V/ETJi6ibAahGbYRnpkOexFxefXqut4gGrE+a04dKkdXTP3BmKoWGziBtp/tbItL7TCqzW"
    "Lb0rZ27W0fbOp9DWoQhuSFehelXMXSGxKwB6SxpvnXYFlaJ1cuLipV0LqroCmdqcwWv0q/"
    "KnnywLraVR02j4p1q430pd8owd+w7Xh/SUpjit7O1Zn4sbdPXstyZ9HMbDo2LYxMgsbUZk"
    "rL2KZTyLPwPZrH0LVXp8vv3yvmxV2kmefRbN5rrv8Uj8cYwt6wCv1KT2q91KnE6JTZ4FOS"
    "L9q7CspY+cMKllKylHMiX0Ke/7AFWC23PKCBjIQyBuW9absTtWwkSlzqRZtDsnJIw4yhQp"
    "VDasON1fdjkXx8nWzGnfHxcJ7ukcCw5NdbeRYlHOpbvJY0awyGHrPwHqhmnXlHPoJBByG0"
    "d3e8szfB0N/doT/ovWcSQlytSWZzV3CaXYX9rmbel8ZlZCv4XVqSe7UkYdDLUPJB+0YUgN"
    "16+rim49K6ZkzoJauahrZw1Blb9J8xfixr/qSEdxelexiGkEWZtW3P2U6qLUrblglZaWPG"
    "C3loNtsEVfhQRWHQmbCm5BqEa2UpsJ7KoT5iwazN3rbiUg3cvD6eFti8Pp5mbl5wK3nKXb"
    "3rBgnc9n6na9QO+qL0lEF7xIsFLXuB2sjty1+hKrJmLOpZNQjeZW5jlb2iI/L1Z5f0T0s2"
    "Iac5j3XZRlF/HilRWsmLS71kLQ8TozR6UZmXjJ0zn041W7ARZn/0ERH5tZf/2seaLkoW/M"
    "ew38taZHVhlqBh6i76E1mmszU7JEJPcFLHJM4beOw+GAoAKH8wkri34lQGdJAcDDDtSg1G"
    "KFCPwYDnNWYwXOpqlupgJwyQKWNRpqVlVm0iCBH4bmNtgMU9SJBlcaUtzlrpK36JvmKZsd"
    "ewUS+SsccZkrWq5C7lZA3N+gywjAFZZ1BlDEhtY0AirEmmCl3mmAyI7xh6PTUI8K2ekxGF"
    "LCNiJoJofuBMzIwpVuwOxCAJwpf8Cfk2ERxsYbpoqi34Seo88MWv78R+1lxkmAZrIC5tV0"
    "WnwkSMmR8/BC6rZPaFqMydjKHZWwxNSV9kc52Q1Xu31gn9kBEfGaXZZPnFFWuAwMXC/+oS"
    "H3fQXn7dBb5u9hxMHNMtGcoREWogzJ8KoPwpE+RPqVOFvKCivGqBqwKScksGyqCkCFA5xS"
    "9XgpxXAVOCvARqBvGxU5MBxeM7H8uVv8zrRBZkK1CQLQYgW7c2H4VEJ3IUio/CxFYhzb+U"
    "gpKSbEIcSHwLfX9SYA99f5K5icKt5DEWy9dKgZ0dbZMQa4S2suuQG9eclYHcb96ESb1rpM"
    "MYAQEzSqmFNbIitkAA/D0T3NYkD6/sFvvzfr8bw/68kwT35upcYbbQ6/g6nhfXsV51qais"
    "9J7V2XvGR8sMnDeFFaW4mFSNCqhG3DtQjviOiEg/ZbIAs3T7Vgmn7wMqiWhcagNQD2cpWN"
    "+VHnjONnSlBwn8hzlNV7rSI2ue2JWeXAQqgPSlRycIFoIKUP1l2dNBfv0rcY2vfjFo2Sug"
    "3k23u6/qH22iWQvH9JatRDxDeK+VF8ygU02fqBpvW7QcdxtxKYgx0PyHQMFsiDGwsQ7FsX"
    "mmQ4sfludisiznweXe+E/zqnmIqoJU3b0sDnKQgQ0HmAI8w8RYI//3Wuld8uRfX/4QMn9n"
    "2Dap4ZXqFpMHGdZOQu4lZ1D6WLBBXwNBX+ol48eE2QYgmH7ZBG1ERJK0MgP1oJMeZzZ9Mg"
    "2RbZTtgIvKNOED2PY2x3XmMgCHAs1Dt/oqL3OHGTZllpNQYKPlpGYo73rdkEVb9ruJylTf"
    "I5nqu6sV/DCTPouk+sqkz6a7raX3TyZ97pv+r2nh7wtK4GAlzc1IZ4zdb+W7AJYtC3sA3A"
    "msosDLT7EDOrmD7rH7jDGJHJzJfjQ4Ne8R8wKmf91uyjD6kboOktHfL6Pvmq5VLlw4EGhE"
    "7GqCqzh5W4SsOHmbzVbAPakJS01YFr1p2qgL1GN5TL3UjpukHUdUVl/3S8NdpiTKlddLg8"
    "DeajmUAC6B7RBBMttsiA5asQoovsQZ1+V93f6V00LUXmr3rxym7TvP2EbPpjvhp/xwyp/b"
    "AF5Ih7gSSpWd5x5Nq1smJjwaLF0XRU8YXTKYqDamh02zLI/VoUSBbJ2NkKOboTI4QzBLb0"
    "l7OOww5aI3OkOa4/D8eTf51ezHnbqHiI2arvY78zYdYBhdkFxWcok5Go4GSvuKR9Kx18Pa"
    "lMfSXfSvrrvKSDkLqmNhdq3du1C6PKhOh7/bsrBRzzi75X4jHMGMbyYq1AQX7bYDEWQojQ"
    "ylOewZLENpVmyuWwmlwbZNbQaqUYrWjks1b3ZXXwFD8trZ0B8mw1mE15YFCl5KpEeUOSnJ"
    "aQtEJbct0+h36CpI0n4bugySoRuHCfFK14Hgu5Wp4Hv3ymzT5XCpmdZigKeAnn0kcDzEG7"
    "Ty3A8GNFVtv23huCUuhgKxM0ShiDq2OW/K3QAW1TULgVKAjglmExS5z6aOX/8U5GaiH/6O"
    "HMhC/hM5j+Zshg1RYNNWnnNLbskInBlM+JGnP2PHy4umz+h5gknc+RE+HoF+A+QXa37MvS"
    "GWZk5ft4LAqlsStvyD3iN3bhMHysezCUaRhgh1zbGp8w8V/CnwOnD/J3YPnmzhsRu+tQmP"
    "/YF9LXMg1PzUbOcZ49lq1wrHRF0WlY/5VpZEpAzoqo1XJTJiQvVcjHZc6kUX+DbYx1Detl"
    "lKNdCebZJZc4C+l8pKGAwV8D/CFsZ+/rlzfQ2eFX8rW8e1UnFl8qzkt4Iu4UNIgDvq9dXr"
    "brvHZKkKFZegrsRwpF62eWkJB44AXyz9Y5dLBxnbuv9502G9fu3fDIZn6D9zE6r20rntMB"
    "XkZtBTLtX+589nXFdgWzEdj29Jtw0+Nstftvfvb4jqLSWNX4GoLHsmGVnJyMpI46aNuow0"
    "3jd9KDmtQ+a0zAemSHXpw5GIzwpvtnK5LN5MtehDcR6Li8R5pRZ6ZGPISR2vRNRmDFa1Ty"
    "jGXXkPhT/bchCzcoV0VdDqD3p/S/LIqpUEFSrHT8Efz7+/aAkzyVTVZo1t5TBVwditY+yF"
    "417j8FOmJ3S6zKzjxPMt+UVRfoZfoVSmtaiBuV2TcoE13f0KsoU1qBd42ABKPq62fFwNmP"
    "DD4WlqbkCmeQPJxUkuTrIykouToy65uL0vnZKLayYX14toCkcCOi52v5XHyEV1jhIZ7ib5"
    "gfWZ4KDu7h5sOp+pj3hxd4em2iN2kMZgNR8esI1MA09nFBJc0XFAteEn9utrcZ579Y/Ipb"
    "zCfgU8l+jIjBZaXoc1WPJee+a9OFQpnIvZu4FsrXkvCHBQLwZKmwcw8HOl/Al5S9q9dvfX"
    "YWeo+sdpBOfJqP65Gv1vymA0aHd6zFJWL5WRcsE7oU/Y5gPDhou9iIt13pvHqanDm6ur9i"
    "Dk1lRnPp1qNuuNM3DL216Eanj3uv3rFbPA1SDHeKYtppCj6+UaM5P85nx4Mehcjzp99vd8"
    "bfe+cPt8fh/+tao+0cgDtPWeNFCuOr1LyPqPB8OuY8xXn7Ela71F4D15W6TWG2uVCTC/F0"
    "f4nhqLNMDZhRSC9o3Ad9dVFGCBTYOdnV0btJfHXuQPxRo5t1yvSA1F7hnRgYg8HrrE8dAA"
    "2prltSUnWzsiIc0fLXX7Ert0TKgRO4msyiqZuu3ws5Kpk0zddiHdTX1OJmYyk9jctEJnlH"
    "+79PpcNAj7rZbrFGK3guOMYlyM61TjQ12M9YznhxIeMQhUBcHWWSIiMBEc6HEf7Ac2Rti2"
    "+Y+ZIYnbfZSQBSUJwth/VG7Mn6NPsDFnz1LH1Jb0557pz2DEhBruagY0Il5nXfdIuWp3um"
    "cIT9ksvyXXN8Ov7HOYO5N1qMCK43peeMiVd8URBWHFq03ekkvlszIYwJVgjaomUKv6zDp5"
    "gB3Hr7oD7OKbRgrVfBsxJSxplzrTLvDxr8EERMTk+NZ5fIOysCVL9ibEapxWXicfmKU5rs"
    "rLaZbxhMWlmgD1rt1hktHMnvUNZjRlxGnDRr1IxGltYvfrNuZb4bWTnNOG/HYy5vEwIV7J"
    "cwsm2vp8t2vqj1hk3ZYhu6/nzmTEO2oQ7DujuK9toEAwTO0VJHekZaswzT0LhQpn3IMn5Z"
    "UTsM1OK8hCh/3K4anpvEgS4kWS0LFX39G7afLkdtNG/6UEC+J6q+589em4max0fXyWq/np"
    "Wq7srRwymtOzaWizg8hCARlFlm/BrBFFFtDjRcciaC+HovKh8OufBJp/UcYkIbZDB8HbH8"
    "/evt0W+nHW5EMBzuRDJmPyIcmX+DHrhlYq6CsutUOgp56GtX2Y3xcJf8+Ofk/C7NVLzCh2"
    "kY1zQqwJxNRWZ7OHl7AcxiqQxdUwJMTp0EWTmUNQrnkOL6FGKoEK7KO8GOwVPcnQ7BKh2f"
    "7WB3WzVPCoClbz3LEQyssRKDECBH+H8rmQd+WDWZ4UzepjJ/69mphTNSdD0xw4H7RAIdpo"
    "5EWdyKGv8dDH0yzL2yticamCrFBBIstkCN5Gi22iF/nN1fibmxM/BfoeC7T8nNNNE3KStq"
    "mctpHe4Oz1sFne4JS7skx9l1UpO32CR5T9Z8sJO3XwJ1ScrlOZt23EbEB+bscKX1vYrlXY"
    "0+b6IkX9bARpBtudeQ0O2zQwomOkobFpQekbL8B92eff0LGNYSfHBtz9h0n+0E5eOcjRiH"
    "FPv4tcbdX3v4G3TeaA7MLtxv8toacH7avhufe67mz70HmmY/2BdcH+nx17GRGpc0pNbSMv"
    "J+7UUsuWfokJSdjXgN0F87Es7DEhCfsasEsbI3ttlzbGFoLQImF7AmU4HtSXrQJDsIgaCS"
    "MspPgq32eUZ20iTxI9T6iDkY11zNohNzw9ZaI5aMHuuxTpE6w/CtXczXqTSm3NlVqXPuKM"
    "0ysz9qJAoBH70A5Si7zPpmQWV0xIGhArDYjDyiPaKfKHub0XSSPyi4wsSgYaJ8RkIkl+Io"
    "kRqf5SYRJJAwv3tBIsbGKi1anEOVdA+U6epZ0G2/wq5RTaraWbgiCwplB7h/0DiqSfvmDg"
    "J1PHzip1tFgHUgOtwfJSZw20RnrRVvRPcEGMqT0VQ7y6dE5Uvs46/1GnPzxDJnWgXvvloN"
    "+5hELthk3NOhxLdlgKqiSgqtFQ65MGVw+VqVrNVJburD4WYGcaaBvbpj4RqZ/+nVzdU1u2"
    "WaV2ZgNasWqYWa5M+DULCpX5o1dfZcUrVHby7vTH00/vP56G1crCK3kly4LY92xNkNlKjr"
    "BaQbYuGBGps26yrj74oUgILGuVrQ9+SIXBwkdVAmG/eQPRfVdI236Xo22/S2vb7IlwQlYa"
    "4ewQ04jI7qNL97PnVxZHuldv31//DxMTSNo="
)

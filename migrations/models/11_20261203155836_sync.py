"""Sync and share links: the change log offline clients read, and revocable workout links.

- ``users.sync_seq``: each user's last change number; ``sync_seq`` on workouts,
  health_metrics, plans and notifications: the number of each row's last write
  (``runcoach.changelog``). Backfill: existing rows and users get 0 through the column
  default (PostgreSQL fills it without rewriting the tables): everything written before
  this migration is "before the first change", which a first sync (no cursor) reads
  whole, and the next write of a user takes 1.
- ``sync_tombstones``: one row per deleted synced row, with its change number; purged
  after ``SYNC_RETENTION_DAYS``.
- ``share_links``: one live read-only link per workout (``/s/<token>``), gone with it.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "sync_tombstones" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "object_id" UUID NOT NULL,
    "sync_seq" BIGINT NOT NULL,
    "deleted_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_sync_tombst_deleted_260c98" ON "sync_tombstones" ("deleted_at");
CREATE INDEX IF NOT EXISTS "idx_sync_tombst_user_id_662c06" ON "sync_tombstones" ("user_id", "sync_seq");
COMMENT ON COLUMN "sync_tombstones"."kind" IS 'WORKOUTS: workouts\nHEALTH_METRICS: health_metrics\nPLANS: plans\nNOTIFICATIONS: notifications';
COMMENT ON TABLE "sync_tombstones" IS 'A deleted synced row: who, what, and the change number of its deletion.';
        CREATE TABLE IF NOT EXISTS "share_links" (
    "id" UUID NOT NULL PRIMARY KEY,
    "token" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "workout_id" UUID NOT NULL UNIQUE REFERENCES "workouts" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "share_links" IS 'A revocable read-only link to one workout''s summary: ``APP_URL/s/<token>``.';
        ALTER TABLE "users" ADD "sync_seq" BIGINT NOT NULL DEFAULT 0;
        ALTER TABLE "workouts" ADD "sync_seq" BIGINT NOT NULL DEFAULT 0;
        ALTER TABLE "health_metrics" ADD "sync_seq" BIGINT NOT NULL DEFAULT 0;
        ALTER TABLE "plans" ADD "sync_seq" BIGINT NOT NULL DEFAULT 0;
        ALTER TABLE "notifications" ADD "sync_seq" BIGINT NOT NULL DEFAULT 0;
        CREATE INDEX IF NOT EXISTS "idx_workouts_user_id_41809a" ON "workouts" ("user_id", "sync_seq", "id");
        CREATE INDEX IF NOT EXISTS "idx_health_metr_user_id_49b6e9" ON "health_metrics" ("user_id", "sync_seq", "id");
        CREATE INDEX IF NOT EXISTS "idx_plans_user_id_fdc118" ON "plans" ("user_id", "sync_seq", "id");
        CREATE INDEX IF NOT EXISTS "idx_notificatio_user_id_c29c9b" ON "notifications" ("user_id", "sync_seq", "id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_notificatio_user_id_c29c9b";
        DROP INDEX IF EXISTS "idx_health_metr_user_id_49b6e9";
        DROP INDEX IF EXISTS "idx_workouts_user_id_41809a";
        DROP INDEX IF EXISTS "idx_plans_user_id_fdc118";
        ALTER TABLE "plans" DROP COLUMN "sync_seq";
        ALTER TABLE "users" DROP COLUMN "sync_seq";
        ALTER TABLE "workouts" DROP COLUMN "sync_seq";
        ALTER TABLE "health_metrics" DROP COLUMN "sync_seq";
        ALTER TABLE "notifications" DROP COLUMN "sync_seq";
        DROP TABLE IF EXISTS "sync_tombstones";
        DROP TABLE IF EXISTS "share_links";"""


MODELS_STATE = (
    "eJztXX9zm0jS/ipT/idOlZJzbMfxOVdbJdtKoltZ8ivJ2ds9X2EMY4k1YrQMsqO73e/+Tg"
    "8g8WNAgJCM8FTdbWygB/wMzHQ/83TP//YmRMcmfX9Dsb13hv63Z6kTzH4IHW+gPXU6XR6F"
    "A456b/ILZ+wKfkS9p46tag47+KCaFLNDOqaabUwdg1hwadNCqqaRmeWcIc3GOrYcg13ZQF"
    "ObPBgmRqqlIzjomHjC/qVo3zGw3UCqPjGst+/hLjrR2G0Ma1RWgzPL+GOGFYeMsDPmIPz7"
    "P+ywYen4B6b+r9NH5cHAph7CyNChAX5cceZTfuzmpn35hV8JD3uvaMScTazl1dO5MybW4v"
    "LZzNDfgw2cG2EL26qD9QCE1sw0Paj9Q+4TswOOPcOLR9WXB3T8oM5M6Ii9fzzMLA3wR/xO"
    "8J/jn7xHC1ymKN3eUBm0hoqyF+s3eIQI8t4hjVjQ5wZDFoD5y213CQg/ugc3uPjW7O8fnb"
    "zlEBDqjGx+ksO19xc3VB3VNeWgL1HGE9Uw40BfjFVbDPTCIII1e9TNoOwDtAFI9ybqD8XE"
    "1sgZs1+PDg9SMP7e7LswHx5wnAn7Gt1vtOudOnTPAd5LfKcqpc/E1pWxSsd5cI4ZloO3f2"
    "AJ+HI42Trihx8/ZkCcXZWIOD8XRpz/mwNo//oa4vsh0xv9IeWN/hB/ox1jgv9LrFwYB222"
    "h/PezfBiU6NxGOiT4ww4nxwnwgynwijfG7YzVtiwLcD5kh0V4xy2iiANh6Ej3vvnV2Dujc"
    "RVebVTEL5sDlsR/Cj+kecF9S4v9G5WDKfIEHCSZQQ4SR4ATqJv5jM2RmNHeRzF8f1iEtUR"
    "AxyyisD8AGa7B3TaC9m7Oe+00HW/ddEetHtduMtkTv8wlyfhEDtgOByCfqvZieAM3Ti24y"
    "C3rQSIlwYRfNkD7x667HHZP+8OPxx/Oj49Ojk+ZZfw51wc+ZTSAe3uMAInc4kddr98kIaN"
    "JKxxWE0nF6D+5RLKOJTs73JonklrYbBFl2qCGSjadryq8ucu4Cfy+a1Y9LpuEuAHG+Ndhd"
    "egCud+4hCfE2Ji1UrgbgJmEaTvmd2moF4c2a5vcN7rdbg/QD1/4Lw9jEB8c3XeYtC/DfsI"
    "8RGDczHKE7YNdiMBXZaKetxYYp8Dewasju17otq6QqaOkvutFzcg+yBHH9C5pSkU/yFA3h"
    "gl+iBBq0J+SCG0Dzbrhfz98PDo6NPhwdHJ6cfjT58+nh4s3JH4qTS/5Lz9FYAOdUgcec3G"
    "gI/ixm1xegJ4BjH6Ycs0igJ+2EUKjv2Bes8y53uux5qC9bB91RoMm1fXoe8B2Aw4cxiOGr"
    "2j+9EJedEI+qU9/IbgV/Rbr9uKLgYsrhv+tgfPpM4coljkmc29Ad7dP+qjFvZQp3rBXg9b"
    "yl6vSq/7GAW6nT89rMo9PAZWjODAvao9PsN0FToTcEeeYBVQMBh7dl9+7mNT5cjGXwJvSb"
    "QFbexg///lv/H+0eV7EAg/yOSeOsTCa4I09NupK1A2ZmEQHSsOecTWmmD13baG0FRd8aKY"
    "UtbumkgN3FZqCxIL87FiGtbjujhBQx3WTl2Reib2I5mtO5T/4rZSV5DGWDWdseISYmtC9Y"
    "23dbXg1uqIl46fDG3dme+SN1JbiFTDnCsmUfV1YYKGOqyduiIFYgLgrkqY9X5jTX13W6or"
    "WlNTXRela9ZEneFRynGhAKaau1GqpZpzuu5A3uStGLSuKLGzMDxxFNaE6iLQVF3hmrBvRh"
    "2t+1Jdua3UFSTdYAit65Vf8kY6ZFRXlCziGA+GVsaX1w00VVe4prOSeJbrWQ1JFqA9ySFJ"
    "IkLDpwKLg8z1VqgjVG/6mPYsPCTsP6uRBUd+4De2WxqZ3F+sMrXxA7axpZUCXfALvg61XB"
    "Mc4XWcHE4iL+iEOWkj/pTQHBiH6HVBKtKCd0/OReI3BjXckudfnZU0IBPsjJkVUpFOJqwF"
    "ZGON2DrW0QOxEYG0IIocwg6zhtgPDURYF6EpttE+pD810CMDnf0XzwVJShtoX5Cz9G+eiA"
    "Un4Vr+L57v/UemMlUplcnvmri4q2XNJhzrNnsM1RsAQpj7tlVOAtm77jS7ykW/1Ry2Ls8Q"
    "j1q91fRbq9ltdn4dtAcKO3356xlSvfhKgXXJ+a3V+97qD/vNdrfd/apctoatC94IYZHF4r"
    "vWsYM1x9UC5RWTHWfJNDlOTjQ5juWZwBcm7E3xV+NdXuUOLKjTO80C7WkytKcxaOETimP7"
    "z0GvK8bWvz66bm+wAfVPZBp0YyR/YFy6nxmmY1j0Pdz2JYYmwCe0ZO9DvH/V/FcU/YtO7z"
    "w6hkED51JIU3NJRSYhDfMmlHxeQcCkTNegGn5tAU8gplAJoxuH9guxsTGyfsbzmCsgjh38"
    "7PzdhDQWKrDDtvq88E6DLxT729lfjF2Z5UVzcNG8bO39lSz5yRUV54xQltoWQZQSEr4kRy"
    "pc4RkW22Son4BcDHQE5uwfmzyfoecxCxiex6rT4OUOWECAtLFqjTB77sk9iyHIAzIc6tqy"
    "lgRlFMprd3U1hWWgslC5/idXWJImnBWOPgLJrPe2rReRbHJi2aJk9hWHK7/0+j/3boYD9r"
    "J7epJb61ur2Rl+U65aw377gp0JiyhuLQhxBm5sw35jrbe/tC+aw3YPjsaY3ZfPeCH3v7OQ"
    "KedUHjKSk/kOi/prMkgFRTp8qioQjoQttxOObHPS2JHoQyDoluHHBkYsGX7UM/zoGBPDuY"
    "CiZ+KSbaHzqUGICVcqmntpxhhkCGEAWID7ryLehLuMYWFEZ9xvgJWKqYMMC127r+Xg/zrx"
    "qKNwS7fWrQXG3IKywER10GRGHTQmps4iFij81se6QRH7n06eLbRvkpFhvUWq7d2SxTgsOs"
    "EQ1FjvUY/dkIU8txasuLjPARGP9wyf2cM9s1eVPLu3whas3LBvw2Y3V0ewnsOOQnhk4R/s"
    "IQxn3bpyL8krV6ja2eFBFlqZXZVce+vAI5aTYxz2kQtmmUQnzr+8Tg5caeUh3K9EYR8ILe"
    "Cexa2li1Y1Fy1H0t0mp8BQwpRgCowmVCVPgfE0rtVTIJ8uXDvE7WCGeFAnhjmHGQemLz7f"
    "vKFAmLHpgc1vNnFcUiA+D67fnCxhWgF3O22ScXszZzwTMtpsRFORITAHBcM/lNwVS8NWtX"
    "OYyq/xKNd+k6Gv79ov/jE1WGsFej1sWcNe35FezsqxFSqUQcv8rKupYq1F/9r4ic13Rbo4"
    "bCl7ucq9LJlyyZRLplxIE/hprgKGIJABmyLSCSTcZqMFKHsrsP6OBeluLYEzILYheOeEMr"
    "DVyxA+GPJTtH93Z+h3dxDxsxheSBKU1fit5Z92Q8w3FBn628+8BVXT2B/t22mqbc85tW3o"
    "SKXo7o5CO7mUPt57EZhS8sl9JBtRNhuhLypUZI2blxZVlvMUjJo3sgWFDJyT0a9v4Gyq1F"
    "EKhlVR2xr2/I70dCa3W3Ikr6KbZQz9mnqZzUyUCKpkZ5M8x1up8GY9e53e197N8AwiCDJz"
    "bq1+60u/Nfim9Fs3g9aZH0GwP4bNSbfWdXMw+KXXv1SYx9P9ys4vNn9zcwJuLbc9pdnp+G"
    "0qqmlCu1e9IW9wQpxYYJNNB5JJBpKiAol6Z5IzkZyJ5EzEnMmicqiINQmWFU3hTcJlTLMk"
    "NsHYqYE9FEHQ3xEWHiBoAMoigALCy894QxGdTSaqPT9Dd3fN62vlpt/5G/3bPzhh8ZNHTU"
    "SSm0prG4SHd3f8V5dMsVVLJxO0f3SI7ucOpg3ETN5R9QG/PeO0Cb+Ny7ogfl+KWXznZVQZ"
    "Djt1a3GFo0rdXxElrsoQMOQ1I7jA0BU1uleYxhNGI/Yft1nKusi9D7wA7BmBKuLX8IMgaf"
    "T+wM8ciUdo1X3d3AZs8tzwkrjYGTjiXc/wIVJfUpUBt5HC6Di+0CmXEKI8PkdqICSVUzMq"
    "R7qIpeq1vCklJ6Jhq+3OC5WEVHrdVfK6Y693HH+/DlxG9NcoSF+FN3ol/OEPOkMPrBXL+G"
    "gKIpkA0MlxTHCTgYzrv+6KMSzB+jWrGsCGsMdjEQIaq1DGzZhMiQ0pSA82Cx5U9AC+PbG9"
    "4gtigXhZDadWjqNgzn+A5CZvsbaBAheQme2+vviHg21LNaEno0XmAtcv22lw7z7cWiAh2m"
    "9GBhEvFkQsej9rELEwqOOicOl1GMLfQp4wImxZwzBiR8KGTEsJ+sx2q8QKahWnbD4fNiu4"
    "+/wO9Wsp28+TJ6gJCS99TrRjlgUB350luTLw1g3XfVUm+V7tkJlEOgPSzCl+cocDYH9z4i"
    "0ylqhnQF19GiljUQydjPXSRCKcZcRmLlZOhJcmEuGM7/BUZYMtVabYVh7zDR1Ca4l7Btw1"
    "1SS2IdodJgXuoJFEOQPK9lQgWx5MVNNMLNjhmRSq11ExcL1yHUeHn04WlTrgl7QiHYOrZq"
    "cTr9ThGI6ZSwG+MKiwpKlgqF9imZnQhiGiwWCIfyS8pwuDOgCcFtC3/jUMxfKxEuWLQaHT"
    "6371L4/WLY9wKwteMjN3tbDYHnkFRPVMNTfFCm6awApSvjmQjpjV4fWO5o+cZsofOU3JHz"
    "mNsYVTNg0KBpDkHRCWFtXYAwHuV5s9EMa2wvdzpZg9iGjr2+R+EZiu1UEV+xa23ROmt2Vw"
    "ZifbN5AOdgYH290VLvdsGjGr4Rhf/nLQDtWQPtgUxi9SQFrq+ZI7pMZ6vqlesNfDlrLXq9"
    "LrguXY+H7EPHE9p+owZLSGjqRiM1o5Qk6pi5UizpdWEa4UccaHgBJAvVw0tJPf/UpUQ8Ne"
    "CFf2BKh70+mkqWMD23XDrp/B0jkR9zbPht2sqUClnnrgXnTH7mVWXTKo2bedDqXy1QTYsN"
    "yOeTWC1c/8SHlS4cGiwZqgVUxM7cGQLKle4rRSWK24nZRj54lvfch3nJqYuptGeA1520So"
    "U9V2FhmUwKdR2KcBsj1HY0e8A8XaLa6RHCmTYjYuah7bite9OTnbgJXk00thcWNur0y1qU"
    "+qzTe+S+IV3yRRNDmEzqfODeH9FrNNDZAho6tQyJC9czyN/Vu/wf7/vYGoifG0gZ4xDNju"
    "tj5s0qEJ+zAUaSQ1pQZoobQEGZkCU6XZgvdWDGegBxOYIu/6NFJwd+Nw4SJTc9iKirLcr0"
    "Uo7FyhzQpZSolWZMn5SZnk0xMuTeRiZ4bFTj6qK2Mys/PBHLGTWGfGmmrEzq3gjJjKYSJc"
    "WIH7JMrjKNcrHLKSL3CWF5g7fLnf3YWVfG2lYlNqTKTGRGpMdlNtIDUmr7HXs2hMpCJCKi"
    "JemuytaDFZTzIh4IOXYopkJtgVJGQuITu1yZOhYxv2sOHbysNSuVseSUUA0GfEJlcdW47B"
    "muB7wVOHvUc6wpZmz6eOqPZSec2m0sT+TWJUsSSEX5QQXvRLjkAlaFPDykhHhxnClKPDxD"
    "AFTsXqikxNda7w33MAHbWrX9rBRlJTPZ1XbrTDZhLsTGAHpoY42MnZwBGzWgwj204KVp9U"
    "w8UiBvw5ISZWLTH2IbsI8vfMcFPQ+xPodqE/7/U6IejP21Fsb67OW/39D2/DHGmc9OA7WH"
    "H2qODuVwFbuV9OdSLeONGx7C0WdzkzwdCWbcccUTtbZHct/OSpNHLsm9NtfW/1WSeD7a3V"
    "+/kMkcdb60uz3Wldwl0ME+u3VvNm+E3xDzIsx4p/pt+66HW7rYshnLEhKdjCGvxhBaas8i"
    "lj3iPYtkkulzdsVT/X4GMm1+BjimvwMe4auFV5FRZSGmbe4TJqK4fLKg+XcjUg+TvbTV5Y"
    "rga8xl6XqwFyNaACkG5yNSCms18zgy+7yr6a/seKJDPmhq0JkLsQMmAN1eiFzJfiWGhRiS"
    "OWuLDk47lqcUlZ9GDG/T3Y5W6emGt/hqbY0iFX4N1PyJ5ZlvcjeUR/erFgwn4eBRuSW/FV"
    "YIJqpKwYrUeIbJ4GiYPuvXh5eZDrVvey3f26eHFvrf5Nt8uPeO9vEjtSDaaD3X00SlrZW9"
    "1TAfOq6xH3rprdm2bnDLnWt9bg4lvr8qbTOkNUG2N9Zhbalrn8LrExg4IWi5mitjJqqkrU"
    "lCVWrtDmONX0Q6veyZl4sAfDMui4UDdHTGU/V7mfmRttPBmOganib0kX7+9E/XmCdW2k6I"
    "cfjj8dnx6dHC8U6IsjacLz+HqrlyJdBGORqQQ4CrDqOHgyFVEg6Vk/QbvaoFpG1k/uhUW5"
    "pphvTfFF6x1WzV/eCAO9/XJyFYV1jXpyL61KVw1z3oGy4CL+cHGykUofwmUK1L3OwR6qzh"
    "ggeKerc7RvEk01ETisbxl+Y4zobAKMoOFQvwgVfYPgDl4tqtkUOYQbIGKhZ9twsJhb3Mxt"
    "8pc5kUykLGZSmeFKmBceL2ay7e0Finl67zfl6204iT55TTHdoQ7aSYc66O/t2m7DO/vqvu"
    "Tmt68Lac0RyCHTdlF0RBJIWcVEuD1oTmxViW12bLWZyOFKQ9e3kPhmGRfGNrHc6pHZx4al"
    "jcQ4A8ZSs5rste3m6qvUrL40Yyg1qztcwQKYwIGj8meJcYXLk400rtDdHQ+uy1HpHlKqkE"
    "YmU+Yi6Mg26COXC1o+u9cAlg7Sx2wdjuInbDmIsDcITbGN8NSg7EHEJe/La3oNNWJ1xpwq"
    "VPMumfqDPlVM1nECbz95sS1stUVVm8mmpU3N2pveFNn9GhRfhuRKvbNSrmLrNQnYHfJY4/"
    "yrPywVyZULm0oXtOouaMxnyjPFr/Kvcu4GUdS7qsLkUbJvtZa/9Bux8HdsU/cviXlMwdOp"
    "PhPfMvvJvTLf/kBTmzwYJkaGhR6IzZyWB5tMIM/CW9Hch6bdOl1e+24xL75EmrhH0Pqtpq"
    "6f4ocHDLI3rEC7ciW1Wu5UpHfyTPAxy1e9ugrOWP5tIpZWsoh2JF9C7ryxAVhNJz+gvo2E"
    "MgTlvWE7YyWvEiVs9arDIVk5pGbBUKbKIZXhxqr7sUg+vkox49b4eNgRek8QWPLjjbSIEr"
    "alzl5Lml0MgR6L8EZENc/cbTghoAMJ7d0db+y93/V3d+h3cu+GhKCrNazpzBHsMFhiu6uZ"
    "92VwGZgK2DVy88GKRpnwQuSh6/3ra1EcduOp5aqGc/uhIaPX7Ibq6pwqUzYhPGMs2H0+PT"
    "SKGW9PwbsbQZJJWCRuz9gsq85zx50RWxl/hot8qDabIBX4UEUS6URYY3Y1wrW09FjXHVEe"
    "seCtTZ62wlY1nLxOjjNMXifHiZMXnIruPVjtmkKCJX2v0QJ1hb62uq1+c8gLCS1bgbrJzc"
    "tfoWKyqs+rWVEInmVmY4U9IhXpAJLL/cct65DvnMbIbKLgP1dR5Hbywlav2cvDlp4bvaDN"
    "a8aOziYT1RZMhMkffcBEfu35v/YHVRMlEv5z0OsmDbKaMINQNzQH/YlMg24sDgnQE5zwMS"
    "z6Hm77EgwFAJTeGVHcG2EqAxqIdgaEdrk6Y2FQjc6A+9WmMxziqKZCMV2IZ/JElHFrmXEb"
    "ESgCF64XBljcggRZFl7a4HbrcidwuRN45WiTGq/gyzzKmvV6kog9rMdT9Xmh2sVLO1nZtD"
    "odLJU5RTpVKnMqq8wJOISJwUuezUtAdTNwW6oR4BvdvSQIWYKOKYBoupwpFEBmK0EIZpCa"
    "4ll+Rl40CtuNGA6aqHO+vz2XI3lVt9jPqoN0Q2cXiAsOltGoMD1m6qm6YLEwmhMjKj4o1U"
    "svpl7KuQpc3+Xf8tcVi4hupNYmoWCeLIq5YgwQLG7xvzrHx+1fL7/uDF83uw+2qOHkFNEE"
    "jGoI82kGlE8TQT6N7fXkyrnSajiukoKlFnKUcrAAUCklSVeCnFaXVIK8BGoKyuSJwYDiyt"
    "rHfEVJ0xqRZfIylMkLAcjGrfV7IdKI7IXsvTC2FSi+kMtBiVnWQYETnkKPDjPMoUeHiZMo"
    "nIpuLrJ8rBjYyTqniFktvJVti50cY5oHcu/yOrzU20Z6oc4QMKOEmFi1Vqg6BMDfM8NNve"
    "SLI9vF/rzX64SwP29Hwb25Om+xWOhteBxPU9QUq/kVtJWrZ1VePeO9ZfiLN5kdpbCZdI0y"
    "uEZ8dSAf8R0wkeuU0bLYctm3TDi9NaCciIat1gB1d4aC4kvp/srZmkvpflmF3XxNVy6lB8"
    "Y88VJ6dBAoAdLXrk4QDAQloPrLsqWd/PpX4hoe/ULQskdA3ZtO56VqsjQt1ZxTwx22InqG"
    "xblGmphBI6o2VlR+bdYi6U3ErUBjoHo3gTLmoDGwsQYly3mOSYNvYehga1lkhdu99+7m1l"
    "gR1Wopu/miJVuksOFFhQ07mHw9xZZeIPP6utW95GnXnv0u5FxPsW0Q3S2gLiYPEqKdiN1r"
    "zl31sGCdXgBBz+o148eM2QQgeP2SCdqAiSRpZe7vTqebTm3yZOii2Ch5AS5oU4cPYNPTHP"
    "eZ8wC8MKgfuuXX15lRFtjkGU4WBmsNJxVDedvjhiyX87KTqEyy3iu5NIBM9a1Z0meWVF+Z"
    "9Fn3ZWu5+ieTPl+a/q9oOfYLYsF2V6qTkM4YOt9IXwJYXpl5BcAZwygKvPwEU/DJKbrHzj"
    "PGVmA7U/ajzql5l5gXMP1Fm8nD6AfqOkhG/2UZfcdwzHxyYd+gFtrVCFdxeJCFrDg8SGYr"
    "4Jz0hKUnLIve1K3XBe5xrOiN9I6ld7zD3nHAZfV8vzjceUqiXLmt1AjsjZZD8eESxA4BJJ"
    "PDhmCnZauA4lmccV/e8+3f0AYi9tK7f0OZt0+fsY2eDWfM917ilD+PAVxJh7gSSpmNp24Y"
    "rJkGtrgaLF4XRYsEXVJMVJnQwyZJkcdqKZFvW+UgZO9m0OqfIXhLb63mYNBmzkV3eIZUSn"
    "n+vBP9al5mOfUFFBsVHe23ttq0gzI6P7ks5xCzNxj2W80rrqRjj4fVCdfSXfSurjutYevM"
    "r46F2bFm96LV4aI6Df5u08R6NXV2y/lG2IMJ30zQqA5LtJsWIkgpjZTS7PYbLKU0KybXjU"
    "hpsG0Tm4Gq56K1w1b1e7vLr4Ahee1k6HeT4czCa8sCBa9F6RFkTnJy2gJTyW3LNPotLhVE"
    "ab81lwyi0o3dhHjl0oHgu5Wp4C++KrPJJYdLY4Sp0yGjPcGiw/JkI23ZQeeXKSYZZdYquS"
    "ZniEDBdGxzjrSBHlkfcuLfTadD+xZmryNyng0Nv/3sZ2Kidz8hCjnHfyL6aEynWBfJmEq+"
    "w611aw1h0cIk2iNPc8bUzX8mz+h5jC3+i3tT+LNNivQZRvt8ocNUjcnbxkIz5V31O7m/tZ"
    "yZbVGoC8/eHIJUZBHHeDA0/gV+Zr9D8yZ+cBaPZlBk43fs1Z9h3U+zps8YT1cvk8Afz7+/"
    "YLpnfMVkSS9KmVZl1kr8vivCFy/6vcJUPXN5251fz5CuGub81vql1foZfoWyAua8COtbct"
    "HkiqRWV3T2y5gbXIHc6t0GcAfXjUorvzBowdopTMvs55/b19ewKuRNzxUYINhsX4ARWVpJ"
    "LqTKXEjQLcsZtAtMZbk2ySRLJlkqpOvW61Ih/dK0p+TidpiL6wY8hT0BHRc630hj5II+Rw"
    "41sGG9Y21GOKi7u5FNZlPlEc/v7tBEfcQUqQxWYzTCNjJ0PJkSEAOifZ9qw0/s17diTXD5"
    "t0ilvBbtpuyYGFQEN9DyOIzB4SPBLeB9sbHkxF4udRGgiuGcLRb2bSvNiV13ml3lot9i0z"
    "aLdXl9Xu9lvbWa3Wbn10F7oHhlCf26nIpXn7D3vdUf9pvtLouilcvWsHXBGyFP2OYdw7qL"
    "PYiDNd6ay7cpg5urq2Z/wbspdDaZqDZrjbNzy9OcpVuevW7+esWic8XXak7V+QS0jq5mk4"
    "XrN+eDi377etjusb/nW7P7lcfus/vFX6toY9UaFQvky1e2yJzYALyHB1lyYtlViQDzc2GE"
    "74ku2OIvWXDuX18LfLetNocBNA52sgrRv16WB0zvigLaRO5TxLoidS8d30Ruo5NjGx0ArW"
    "AZIsnHVo5EiHNHQU888i0Zo8RibUGr2hRr+/vh4dHRp8ODo5PTj8efPn08PViUboufSivk"
    "dt7+Ch9SqE/jX9YyosrhH4WMajGHy7ohkh/dDCsu+VHJj24W0u1UkGBmxhO2jXVrSARZz0"
    "u3zXmNsN9oQQkhdiuY5SDG2RhmJdzV2bjmYAOI/w8jIIEsbJ5FdJgRSabLKrEfWB9h2+Y/"
    "JgpBN3srIfdsRWh671apSkuqjbE+Y/dSHogtieUXJpb9HhN6uKu55YB5lX3dvdZVs905Q3"
    "jC3vJb6/pm8I19DjM6LkLClqymeuVCN/cIFUnfwvUQbq3L1pdWvw9H/DGqHHlc+bnmssT6"
    "Xrkl1sOTRgzV9BgxZiwJr0oTXrCelp8JCJjJ/q1y//qFS3IWlYmY1a9swUZWH02VOgov+J"
    "BnDTJsVQeot70QKRnN5Le+xoym1PnWrNez6HwrkzFRtT7fCK8d5ZzW5LejStPdhHglzy14"
    "0Yrz3Y6hPWJRdJuH7L6e0fGQN1Qj2LdGcV/bQIFgeLVXkNyBKxuZae7pwihznQNYSXlDfb"
    "aZNvzcf5ivKC8I8MfMwA4ak5lN0b5JNNX0Thq8pIBho/8SCwvU1GU3vnr/lkRWujprlqv5"
    "6UqO7I0UMprTs3Fok+V7CwOp30uPYIps7+vR41n7wr9edkXpXeFVnfE9/6yMScRsiwsEB5"
    "/ODg42hX6YNfmYgTP5mMiYfIzyJV42gK7mEn2FrbYI9MT1sDYP81GWxIPkvIMozHy2Tiox"
    "koxzxKwOxNRG32YXL2ERklUgi2uQSIjj0kWDhUOqqegzeAjFRY/7oYL4KE39vqIlKYrPIY"
    "r3pj6oVqbAiqpgNE/tC6G97IEcPWDhH47iJs95YOYnRZPa2Mr6XkXCqYqToXEOnHea7xCt"
    "1fOiRmTXV7jr5fJHsg9Sr+WPGD+fp4zEKo16z8JDwv6zYYV6FQi0kvXppdHLQ+b0mKqzkl"
    "xeXNfITC07nklWYtlCqj4xLJ7Obxs6hu26VfRgmFBhw1V0Ltv8G9q3WeSCQb/Mzv7TsH5X"
    "D99QRFVLvyc/RNxy+e2vQS9L0fM2eGb+bwzn5IjYv74cYudFx51N7wNEZ/e/Yy3XDnsBky"
    "pryCsrNRo7E1PJW2UiZCRhLwC7AyFKXthDRhL2ArDLGCN5bJcxxgZUFwGdisAZDqtYkl1g"
    "WB1VArqZTI5v68eU8DQl5Fqi5zGhGNlYw+w6d2dpvknDWKVozs47BGljrD0K3dz1WpNObc"
    "WdWoc8YoEgLqWSl29Qi3loC1p697PJmbYQMpIBxMoAYreE81tFfjen9yy6eS+rfp5TWRcx"
    "k8rpdOW0Hih3UKJquoaVKhoRFjbyolWpkjJ3QPlMnuSd+tP8KucUrivkm4IhsKZQbIL9A4"
    "6kp9fV8ZOhYbrKHc3WgPRAKzC8VNkDrZBftBH/E5YgHog9EUO8ulZE0L7KPv9euzc4Qwah"
    "UPr5st9rX0LNZ90mRhV2P9otB1USUOV4qNXJ+6iGy1SuZypr1ZWvBdiaB9rEtqGNRe6ndy"
    "bV91SX16xyO5MBLdk1TKzPI/yaBZV5vN6rrrPiVuY5/HD86fj06OR4UZ5ncSStRo8v9kz2"
    "BGFnbWF6brIvGDCpsm9S1B/8mEV2zq5K9gc/xqTn8FHlQNi7vIbofsjkbX9I8bY/xL1tdk"
    "fYiCeOcHIKXMBk+1lwLzPnl5bv9qKrfX/9P52t1is="
)

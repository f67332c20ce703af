from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "push_tickets" (
    "id" UUID NOT NULL PRIMARY KEY,
    "token" VARCHAR(200) NOT NULL,
    "ticket_id" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "delivery_id" UUID NOT NULL REFERENCES "notification_deliveries" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_push_ticket_created_b4b3f9" ON "push_tickets" ("created_at");
COMMENT ON TABLE "push_tickets" IS 'An Expo push ticket whose receipt the clock has yet to check.';
        ALTER TABLE "digest_logs" ADD "due_at" TIMESTAMPTZ;
        ALTER TABLE "digest_logs" ADD "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now();
        ALTER TABLE "digest_logs" ADD "status" VARCHAR(8) NOT NULL DEFAULT 'pending';
        ALTER TABLE "digest_logs" ADD "notification_id" UUID;
        ALTER TABLE "notification_preferences" ADD "digest_when_empty" BOOL NOT NULL DEFAULT False;
        CREATE INDEX IF NOT EXISTS "idx_digest_logs_status_f8635b" ON "digest_logs" ("status", "updated_at");
        CREATE INDEX IF NOT EXISTS "idx_notificatio_due_0b1c2d" ON "notification_deliveries"
            ("scheduled_for") WHERE "status" IN ('pending', 'deferred', 'sending');
        UPDATE "notification_preferences" SET "next_daily_digest_at" = NULL
            WHERE NOT coalesce(("email"->>'daily_summary')::bool, false)
               OR coalesce(("email"->>'disabled')::bool, false)
               OR coalesce(("email"->>'alerts_only')::bool, false);
        INSERT INTO "notification_preferences" ("user_id", "email", "push", "digest_time",
            "weekly_day", "critical_during_quiet_hours", "digest_when_empty",
            "next_weekly_digest_at", "updated_at")
        SELECT u."id", '{}'::jsonb, '{}'::jsonb, '07:00', 'mon', false, false,
            CASE WHEN w."this" > now() THEN w."this" ELSE w."next" END, now()
        FROM "users" u CROSS JOIN LATERAL (SELECT date_trunc('week', now() AT TIME ZONE u."timezone")
            AS "monday") m CROSS JOIN LATERAL (
            SELECT (m."monday" + time '07:00') AT TIME ZONE u."timezone" AS "this",
                   (m."monday" + interval '7 days' + time '07:00') AT TIME ZONE u."timezone" AS "next") w
        ON CONFLICT ("user_id") DO NOTHING;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_notificatio_due_0b1c2d";
        DROP INDEX IF EXISTS "idx_digest_logs_status_f8635b";
        ALTER TABLE "digest_logs" DROP COLUMN "due_at";
        ALTER TABLE "digest_logs" DROP COLUMN "updated_at";
        ALTER TABLE "digest_logs" DROP COLUMN "status";
        ALTER TABLE "digest_logs" DROP COLUMN "notification_id";
        ALTER TABLE "notification_preferences" DROP COLUMN "digest_when_empty";
        DROP TABLE IF EXISTS "push_tickets";"""


MODELS_STATE = (
    "eJztXW1z2za2/isYf4kzo/gmjuNk0p3OOIm7za4TZ2Kn3em2w8AkJKGiCBaA7Kjb/vcLgK"
    "TEF5AiJFImacy0sU3igNIDEDjnOS/438GceMhnR18Yogevwf8OAjhH4pfM9RE4gGG4viov"
    "cHjjq4YL0UJdgTeMU+hycXEMfYbEJQ8xl+KQYxLIpmcBgK5LFgF/DVyKPBRwLFqOQEjJGP"
    "sIwMAD8iL30Vz8ZOCQY0RHAHpzHDw+kk/xiCseg4NJUx0uAvzHAjmcTBCfKhD++5u4jAMP"
    "fUMs+TOcOWOMfC+DEfZkB+q6w5ehuvbly/t3P6iW8sPeOC7xF/Ng3Tpc8ikJVs0XC+wdSR"
    "l5b4ICRCFHXgrCYOH7MdTJpegTiwucLtDqo3rrCx4aw4UvB+LgH+NF4Er8gXqS/Ofk+/ij"
    "pZo5zsfLa+fq/NpxDgrjJj9CDvn4kksCOeZYICuB+Tvqdw2IunogH/D2x7PPh89PHysICO"
    "MTqm4quA7+VoKQw0hUgb5GGc0h9otAv51Cqgd6JZDDWnzUdlBOAGoB0oM5/Ob4KJjwqfjz"
    "+fHTCox/OvscwXz8VOFMxNsYvaMf41vH0T2J9xrfEDJ2R6jnTCGbmuBcEGwG7+TCGvD1cr"
    "J3xI9fvKiBuGhViri6l0Vc/TQAOmk/QHyf1ZrRzypm9LPijOZ4jv4kgRHGaZn94Xzw5fpt"
    "W6txFujTkxo4n56UwixvZVG+wZRPHbFsa3B+J67qcc5K5ZCWl+VAHCX3N2Aer8RdmdoVCL"
    "87uz7P4cfQN5MJGjffam52DKfcEnBaZwU4LV8ATvMz8w7hyZQ7s0kR3x98Arke4IxUDuax"
    "FOsf0FUT8vLLm4tz8Onz+dv3V+8vP8qnzJfsD399U14SFzBXEHw+P7vI4SyHcUqLIL8PSi"
    "BeC+TwFR+4f+iKjyt+PDl+dvLy5NXz05NXoon6nKsrLysG4P3H6xycQiXm4nlmkGaFLKxF"
    "WH1uBGjS3EJZhFJ8L85MNq2VwB5VqjkSoLj70aqa37skP2GmtyLddG0T4DFFqK/wYuYo7q"
    "cI8RtCfASDEu4mJZZD+kbItQX16sp+dYM3l5cXSh9gsT7w5v11DuIvH96cC+gfZ3WE4oqh"
    "uBjnFlEsHqShyypRLwpb7A2wF8B6iN4QSD2HhNwxnvX6DuwYGIyBYjXFDGby09VXQvJiWy"
    "kjW0H+tCeqiEuR/OZOZJYV2QdJI+ixzUpWMRDylz4ybOILepeBvzyIFNIKXK/ffzi/uj77"
    "8Ckz3SVZIe8cZ43C+Ophfr9ddQJ+fn/9I5B/gl8uP57nuf5Vu+tfDuRnggtOnIDcia01Ra"
    "snVxPUsgpo6G056llJO+pdGfUEo9Swq08vnW7jWcohJC/cQHd2J3ejzJ20BS10UzZ1OJmh"
    "QGOovInlf/j3Z+RDrl9cY8/n56iva9lVD6fD38kLkFxdT4sUUUbojCx0Jp0JUj9HvQwVpC"
    "mCPp86kVm5I1Q/qr4+rCzUIeLloVvsoh2Beqc6GSxEwq5ZOj6B3q4wyY4uRD9DRUrdkfwm"
    "upXxG7uhdR13di77Gipi0omZmA474vWL6OqntREyRLRCH+6K0ifRxZDhcRhiDUwmCdNV1N"
    "NQ0YIB9Jds163vTPWC2VBREnfl8qRQ2BGqt6muhgrXXLwzcLLrpPoQ9TJUkDwsENpVPXin"
    "Orkgk6GiFBCOx9ht4s37mOpqqHCFi4aohE+LAfIIko8hx6SMocneSjklhLHiMK6NGkswvQ"
    "zQNRH/bEZWmj5XSWf98s0bv7FOSNEYURS4jUCXfoM/ZXoeCI5yOs6P57kJOhdK2kR9Stmd"
    "FNbxfZpMiDwfWJ4RUWQhN6dGiCEDsRxQct8BKNrOhXkPMAPCEAM+meDgEQPuVHxLQMaAEh"
    "4t5cXEiN27s2kR+/A07pAWEY2mYwZ2RqhJzIuLwD6zJHZBOMU1yRfFOAsiKzW4lJPm48at"
    "57Yc+n768Op4btG3EIvethj1rOQAR70no6zx1Goc9Gw77zxr8rXupoY6iPGl6Fbsd9sMcV"
    "bSjnKXR1nmdBtqlimRdvXKrgzqBsWyEL+SRbcI7Q+EIjwJ/o2WCuD34nPA2CDXG/BJan4/"
    "IS3Y6+IyhXcrczI9ocR3F98YRTGWb8+u3p69Oz/4uzwgyIiaMqQJkmAXDUOQioMpJwfSIT"
    "f1aIHY/SZN9MQbPpLWu/h44GYJpjDwRgDPQ0LFHABjSubS1pfVDwgFbCnmkKcnCJrqWEMV"
    "/Hc1yZkUV79wSGPlXQCcakAWNJrm6BtHNIC+HPXfcmRDqv26n5FiD36zRMS9EhGrEa6dyZ"
    "oIDDGfvfGMlex8N9G4spLWcOq0yuUtaMTya3xNFUnLWbEts5Z7NK6NpC2TWxlRJie9IdoF"
    "SZsmXgNvD0eqrDM3m9oZMYt0DaSFknwbLQcT8UhDvHXCFvUaqMNbfc5+BdZrEYvwDoUmqp"
    "bqslITFuGyORxCsdgyJxR298xs6dBKW9xr4O5Cn1Csi+6rgDstZFGugTINNSEzV3Po++V1"
    "VUId9dbnKiDPj1+errJu5R9VCbdXH84uLopZt6qSpomtvxIYXt2q46d1SteJVuWlAZ8WSt"
    "cFhOsWg2v0rWSergSGAHCVQX/+n+uMLZ/AePjh7D+PM4vCxeXHfybNU7C/vbh8k+dWVtxj"
    "be5qJbHPijYwWEC/LVawbQIrTesaIJ0TG8L0zpe+fFUH6uNXFaUvXxXYwtDXlmj619Xlxz"
    "I21tfXaPKwy8FfwBdmeGsze01/3yywz3HAjuTz7oMBlwhVLzD5tWSUZQFlB/kFZkodlY/H"
    "kPggumTP8nHRiO40QB17F/Y9En6cJFtbyU4ErIJdQ8GOovqNd9Oc2ADX+MZ3Uxs9WQ79cK"
    "Mnbd2boY26xilYUknDMBArI7RDNEPH1tVmQvxtYJsNbOt8YFtxCWgA1NoFdbr53m9ENbPs"
    "ZXAVnwB8/HJxURUx2IGKFz3Bfdu8X9ELghqvknniahxmebXqcEDAmgeixjCUh6OucdoYlO"
    "pEg1QzNvV6isCPnwGD89BHTEaRQhB3NAIzFHIAQ0g5YATwKeSKp2BArFNL8etkyotBqY30"
    "uEPiagKDmYKQldpv/GgnNYQRKA8WnVInHl5DLiwlZXnKRtixgiJnElBfeGmKw5ms6DUVlB"
    "2qSHbhPdmooGSXiRopDTulKWQKTWo2h3whyvK9oVj+sl7aggeXjxiIjycRy/pI/P/TCDAf"
    "oXAEosN21PmMctNhJTUMtumkMh1BHSyVTy6wCQT3uieYHiHW0OFhHbUftRR98fSwqsOCNk"
    "S2DPXEoCYCXKb01pmbRWOtRayrqIarSK3dzpQsqBnMOTmLdW2smUuocfxbTtQuExlg7QmD"
    "e5rASq0znrsrKTttbbyb9dB3Zyr301drPfQPcdTreOitP9n6k++bWOxooZTY4azhHteu6H"
    "LWMXWIzGa68QyElNxiD1EAXZcsAukaCmZRGRMIJEDfAbG5eijgWHQBIEWAcTGPPIACly5D"
    "rquR0ly3lZRk8hBLS3aLllyNi4G6nJYZYHWT58c1lOXnx6XKsrxVqA0Q+nDpqL8NgM7LDS"
    "90uJX0sjhKxhjtrJgFuxbYqa2hCHZ5Rl9ObBDLyL4T++AtxBEWBeArTzzOyO3xoONkA+3t"
    "Occ+ZNyRNeG2MIDzsrY2aHcs3iLRsR4teYrHQrO0VeT7aGT3yCsG6DaOAughraiwQ5QSI4"
    "U0KzW8jftFrY37RcXG/aK4cUe1LR1h8GHfdDHLy9rFrMuLmeXqy9+zfrK2lqt/iKNuuXrL"
    "1XcA0ja5+kLE9Y7ZSfXjrbupf1QfnCfVsEaOoL8SHQ1oQpqlb23l8lGIlbp9Ejw3uX6c1Q"
    "jWrJIvmkcZQ5H8axCiwJNR40++B3QRBPGvZAb+Ev1gv7Qq/pYd2QPzOrBBjSr8OeZ0Rfsk"
    "RRHoeLL1laUQT59MzHxmKREbY1YTZorEV2Xb2TB5WWvFdMWKqWO7dug4iG7qhV0f5Fq81B"
    "gHmE23GuacqB3nLo+zUGvxLeYYMSc5aKk43qVx7iXSWwW9b7WEP21r/Y5C3o+fnbw8efX8"
    "9GQV9766UhX8XvROxsmr22CsE7UA5wGGnKN5qKMkqjM10nKDQbWJTA1jR5/18Zn5+O61tl"
    "rX9OVWGOH9l67qKKw71K667xhuiP3lhSyEq+PzVjdHlXSebObISq8GbB7kUwnBEw8uwaFP"
    "XOgDqbA+FvhNEWCLuWToMGdJeSD2CMgnxFWCFiHgRAkAEoA7ijnSc33tPMYWoOgZM2gLUG"
    "xRgGLfBbW30/SO2tL1Wk58LvfxVSvUaTmrUKf1vb6dr9nbqXufxz0+LKRdrglPrDo3jOtC"
    "Em3lCe2BeIbYQottfWzdhU7hqkI3kbD41lkXppQEUV2/+mvDWsZiXANjG0NarrX10/tqY0"
    "jvmzG0MaQ9rvcgmcArDtVnKXCF65ujKq4wOg9KtjOoQS5TnIBL5qFQETxAMZup8L0gYfdG"
    "kqWjyCXUk1fRLQo4IGIGgRBRgELMxAfRFyNvrusdogO7s+Z0oc5yw9SfHFPHFwOn0fbLnW"
    "1ZqT1GrfliW2pr1277GNDobXCSMKQo9Lou5aqX3pGA7ZHGWuRfk2Vpm9y1rKhVQbuughZ0"
    "JpMtfpN+ZVinf1vtqgubR8O61U760rX8HOIzn0ulQaczZRtU6k08buooDaSm7nRF5kIXkd"
    "kMAeF4jF1FdDPAFzQAAiICoI8oZ+CQ3IqfySM8AYkrhn0Ejo6OHo/W6s4MLYtaVFsPqfSx"
    "zsQkUz/R0rpau6VvJUNTV9NK2g+iCk5WxTqpE9V0Uh7UdFKIaZLz3QTbqPkAoX1VB9pX5d"
    "C+KoaLiQldxLb8xKKkfTfOKpKP7fVZRbZmw5DV3lo1GzrDgnTXSrTMa5esg70xr7+QAP2E"
    "KIu+dcGOSN+utCL+FA2d26il2RmQISVj7COh0IMxoUJVH1MylxnUcWzkoew6qo8b9x8V0V"
    "XBlqXnQO7ea6WVgMZjJBNokCP7tYZCtwyF3Ohod/oSqrAg+aDjNKVibH5I2FrKHqGSy7y2"
    "5661AKvPzQFNZCyUGShvMOVTxzSmPSv1oB0r1r609qW1L619ae3LCPVPPtQalur6qMqiDE"
    "WL+me4iMbS0BMW3oRA/3VEX0qDTibjff2aOIeOktF3pMTXr+B3chOZhjJTDwfhgmtOk26h"
    "/80xPWtjM7U1/GYty3u1LOXgm7hJkvYD9JO0UJgKushY98wIPWTV04NL5oRiE7hDaGZqDh"
    "WE95f/1w/DyCfC+qYLsbNCjZ90g62Zk7U2ZwZaDqnYBB35ouoSLEthLcgNCNfGiutEKodj"
    "6N3PSg1w8zo9qbF5nZ6Ubl7yVv606e5VCNU4+ONOe1wlVJbNXVDkCKWY6eKAyw/HKkoOod"
    "5RFY/SxvFYKoraWE3LSj1kPQ0FnjF6aZmHjB1bzOeQaray8pc+JWLfdvO3fQxdXSGR8uC1"
    "lYCNXqsejC2i16RxZjQYK4FuDIZ83mAGgxMOfYchtgp5MbEJi9K24k4uQUky2N7WAOt7sC"
    "Dbwqstzlrr/X2I3l9bzWNgo55gVFXNQ36z5VYnaKzlbH397gywjerYZlBtVEdnozpSrEmp"
    "Cm1ypJ2M2LiKehoQ4K2eaZeGrCQGJoVodShMxoypVwhbism0hljyOxDbRDKjGnMwh0vg42"
    "CmQlji2q/id8iBhz3RQF/2uolOtakVYRwRpEu81pXAtlEw95eIbXOF2/JubRO8YWM2Sso2"
    "G3pZbGl2SUzKb23wcift7dtd4+0Wz0EBw9wwGCMlNECYX9Wpt1BebqFwimgUFlRVSXxTSF"
    "FlOXEbVpQCqqIw/kaQq6rjW5DXQIUywnWOBVAqQnNmVhq/qhNbrLlGseYMgGLd2n0Ucp3Y"
    "Uag/ClPqyMR9IwWlIDmEOJDsFvr8uMYe+vy4dBOVt/JH3K0/VgHs8mibnNggtJV9h9xwHJ"
    "pAHjcfwqTeN9KrGAENM0qIj2CwIbZAA/yNEGxrkq+u7Bf7N5eXFxns37zPg/vlw5tzYQs9"
    "zq7jVXEd21WeTcta71mXvWdqtHDivKmtKGXFrGpUQzVS3gEz4jslYv2U+cNZrNu3SThjH5"
    "AholmpHUDtz1KwvSs98Zzt6EpPUvL7OU03utJTa57elZ5fBBqA9KFHJ2gWggZQ/XndUy/f"
    "/o24Zle/DLTiI4CPXy4u7quex1kA/SXD0bKVi2dY3RtVBTO4BLpTB6q2dY/qOQNKSsYYwP"
    "gh8jAdGWNAkSsPzlGZDiN1kDZHwbowh5I7ip8W1ePQ1fdountb3qOXgQ09SeINUeD1OIM3"
    "RBQTLzqOR08ClFgtObmHnAkZY4F0JyJsRBBpz0V4UPgJYR4fjVKXaE2JWLLVZpL2OnkxpO"
    "QWezobp3yrS8sM4QVoe5tTuq8JwCuB4aHbfL2VBRMGislyshLYaTnpGMr7Xjds8ZX73URt"
    "yu6BTdnd1wrez+TNOim7Nnlz6O5n68WzyZv3TeN3tCT3WxLII48gL0lLzNwfVVP565a1mX"
    "w+lauo5NfniEmdnIEbxO8QCgAU//GphEn86imKPSLYNYz9tt2YMPOp+gyWmb9fZp5j7puF"
    "/SYCg4hBzXEVx3XOKBWtytmK48IppVYTfoiasC1eM7RR16jHheI1Vju22nGPteOUyhrrfk"
    "W4TUqbfIh6GRDYrZY1SeDS2A4pJMvNhvSg1atkEku8Vrp8rNs/YiNA6Fq7f8SEts/uEAV3"
    "mE/VeTuK8lc2QBSmoa9o0mTnlYfGuj5GgYrqKtY3cXNGlw0K6ozpQYmZ5ZG0H6Lh0biT9B"
    "7iMLoG8b59SD0JckvSvdpaLFqf2avV3gDpjNAQHKRthwHYQBYbyNLvGWwDWTZsgq0EsiBK"
    "CRWgekaqXVZqeLO7+ToSllUuh76f/GIdVtmm+T+UOIs0b2HIKGtELbNsk9H3SNTnSbcdCf"
    "t84EQ/Id5I3GveW5tQfe8+kTYJ/3d4ghi/IJMDDeW/vjmqIv091czxyaR2pFAk8hoQWXYc"
    "USDRGYGZGENFu0fJbOAwQGI6An6HXfT4OxDnRoIn3wMmM3f/AmyGwxB5uiCihp/wa/BrcC"
    "1dBj5xZypZGLEoi5jcgbspCtQf0UPl1/YZ8BYIHCo3gw/x/PFoFbEUt/qd3Pwa8AUNmKyu"
    "LmYOARAEhOMxdtUb+J34W3bvozFffTTMAEVPxNRfIC9JVmZ3CIWbnRTyy6v3L51sWfRXrC"
    "lBGyTVGU9FMnZ1zdnVWA+BRm+1qHBHUpa7hnnvcpb7DWBPPDd7LU/Q8Isu9uMtOIu1lGUr"
    "usxWpBUnQ7NaI2rLklmu13K9NoJ4aKNuI4jvm5i0bFmP2bKPKU3hQEOYZe6PqjiztM5hEC"
    "2LgyeizxxL9PXrhJJF6MzQ8utXMIczxAAUsOLJBFGAPTQPiQyrA4cJGYZuxZ+P9TGzzT+i"
    "kpRa9VtxMmA6YnYE1tflGmyZqXtmphRUBZwf5KlizcdY2NzIFLzHT+vkRopWpQCre1mEb4"
    "inObKtPEQ5aT8IfPcdnywXkSLY5fFwSXtbJq56KLaIklN7Z2EoKs9GSUTssSgGx6JI0LYs"
    "R2N5x84Zy0WOZK2/GuzSGaFB7CS2ioFlo9rhIC0bZdmodiHdTz67EMO3iOJdM9rTHNO7qM"
    "/lgLBvNb1di90GHi+NcT0+z8kOdT1mL90BUP8h4E5hECD/dS4uLReiJsuvIk/8IsYIUap+"
    "LQ2Ma/dRWqYvyJGi8aMqI8+YO0XeQjzLGRNqKb57pviSETPQcFMiA9RvG45MscE/RYibz3"
    "W1BZYPmi2wnF2kC6hW22QFYUtzdJnmkArAFpZ3SsyOb5fHNymcYFjUIic2vLTpVnxOPmTc"
    "UQnnJp6nrNQQoN63+8kyiOWzfsAMoo1iHNio14li7Ew8eNfGvBUeOc/x7Mgn5+Po+gnxRl"
    "5ZM9G255c5dmdIZ92akMufFmx6rToaEOx7o5Q/UUmLIjm1N5DKqZaj2rRyuBKqnWctPReP"
    "WMLuslGSeyz3K6YSkv9YYMTBlCwoA4c+caEf38QqpRlT8CcJkCZWtOnON5/eUMoCd8dHuJ"
    "kP7uTKPqogf9EcYg31Wx60tRKwUVvVFsw2h3uK9dlkLJL2digaH4q46kWi+ddlTHJie6Tv"
    "n758/fTpfsj7FzU4kxeljMmLPF9yh9DMXzoeNAqyykrtEeh5pGHtId68Trh5ebR5Hma1W5"
    "cVQijHOSc2BGKq1dkc4aUtlbAJZH2lBAtxMVQQC3MI+o63kB/CidBTeqjGPqqKed7Qkw2F"
    "NgiFjrc+WS3JkR5VzWpeORZaeTsCBiMQoG9cbIhYbosRmOakaFkfe/HvdcSc6jgZWuTA1a"
    "AlCtFOI6/rxA59h4feuj/KdZBhuT8K/LxJkvymmPDLAF0T8U/LEeFdINAajgdvjF6+FkqP"
    "D/lGcnnVblSbWuaxSF1iOQDQm+MAkFtEKfaQPKwXgjH2Zf0AoBjAdZ//Bw6psFyQjBcWd/"
    "+Fg9/h8SMGGAy8G/JNxy033/8O9LINMt4Hz6x+FnAut4iT9s0QO/e67rR9Dglb3PyOXKOT"
    "uFIig4jf3neo0ZTPfce0tkBGyMK+BexcmiimsGeELOxbwG5tjPK13doYLURdpOJUNMpwNo"
    "qlXAWW3lEnFTdTS/E9/xYSICVBJAnupoQhQJGLRLvoXFlVJH4KGViK+5wAd4rcmVbN3a03"
    "q9R2XKnlZIY0AXEV9ZsSgUHsQ3uIpY9eG8O0hYyQNSA2GhD9CpzfK/L93N7rxM3HWexLw8"
    "i6nJiNnK6OnPZS5QUajJoeYGWIUY6FzU20LtWJVQqo2snLtNNkm9+knMp2W+mmUlCyprK4"
    "g/ghFck4XtdDt9hFbJM6Wq8Dq4F2YHnpsgbaIb2oFf1TuiDGhM5NIE7LDFDPb7g6Rr+UT0"
    "suNaN9dienoxvqULNap6371ryff2/a5Rmi2J3qVMv4TqVeCddtNqmU5YA2rPaV1t7Rvs2a"
    "qjvx6HVXEYmq7hw/O3l58ur56cmq9M7qSlX9nSSQs1zLk6f2alNvy5WQlMgAdZDjF3VCyk"
    "Wrcl3vRSGsXL5UBgjHzQeI7rNamvSzCk36WVGTFk+UR4gUES5Pb0uJ7D/D7X72/MZy2e7V"
    "k/f3/wPKffD0"
)

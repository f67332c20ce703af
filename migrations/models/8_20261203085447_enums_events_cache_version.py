"""States and kinds as StrEnums, the event log in runcoach.events, one cache version per user.

- States and kinds became StrEnums stored with CharEnumField: the columns stay the same
  varchar; Tortoise describes each enum's values as the column's comment. aerich also
  wrote a no-op ``ALTER COLUMN ... TYPE VARCHAR(n)`` per column (the field class
  changed, not the column); those were left out so that nothing takes a lock.
- TrainingEvent became ``runcoach.events.Event`` on the same table ``training_events``.
  aerich sees a renamed model class as a dropped and a created table; only the
  comments it would write are kept, the table and its rows stay.
- ``users.data_version`` goes: the coach's snapshot is cached under the user's version
  in ``runcoach.cache``, the one version per user.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        COMMENT ON COLUMN "devices"."last_sync_status" IS 'NEVER: never\nOK: ok\nFAILED: failed\nAUTH_FAILED: auth_failed\nRECONNECTED: reconnected';
        COMMENT ON COLUMN "device_syncs"."status" IS 'PENDING: pending\nRUNNING: running\nOK: ok\nFAILED: failed';
        COMMENT ON COLUMN "device_syncs"."trigger" IS 'MANUAL: manual\nSCHEDULE: schedule';
        COMMENT ON COLUMN "plans"."status" IS 'GENERATING: generating\nREADY: ready\nFAILED: failed';
        COMMENT ON COLUMN "coach_analyses"."status" IS 'PENDING: pending\nREADY: ready\nFAILED: failed';
        COMMENT ON COLUMN "messages"."status" IS 'STREAMING: streaming\nCOMPLETE: complete\nCANCELLED: cancelled\nFAILED: failed';
        COMMENT ON COLUMN "messages"."role" IS 'USER: user\nASSISTANT: assistant';
        COMMENT ON COLUMN "digest_logs"."status" IS 'PENDING: pending\nSENT: sent\nSKIPPED: skipped';
        COMMENT ON COLUMN "digest_logs"."kind" IS 'DAILY: daily\nWEEKLY: weekly';
        COMMENT ON COLUMN "notifications"."type" IS 'PLAN_CREATED: plan_created\nANALYSIS_READY: analysis_ready\nOVERTRAINING_DETECTED: overtraining_detected\nWEEKLY_SUMMARY: weekly_summary\nDAILY_SUMMARY: daily_summary\nPAYMENT_FAILED: payment_failed\nSUBSCRIPTION_CHANGED: subscription_changed';
        COMMENT ON COLUMN "notification_deliveries"."channel" IS 'EMAIL: email\nPUSH: push';
        COMMENT ON COLUMN "notification_deliveries"."status" IS 'PENDING: pending\nSENDING: sending\nSENT: sent\nFAILED: failed\nDEFERRED: deferred\nSKIPPED: skipped';
        COMMENT ON COLUMN "push_tokens"."platform" IS 'IOS: ios\nANDROID: android';
        COMMENT ON COLUMN "training_events"."kind" IS 'PLAN_CREATED: plan_created\nANALYSIS_READY: analysis_ready\nOVERTRAINING_DETECTED: overtraining_detected';
        COMMENT ON TABLE "training_events" IS 'Something a domain recorded for others to react to, once per (user, kind, key).';
        ALTER TABLE "users" DROP COLUMN IF EXISTS "data_version";"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        COMMENT ON COLUMN "devices"."last_sync_status" IS NULL;
        COMMENT ON COLUMN "device_syncs"."status" IS NULL;
        COMMENT ON COLUMN "device_syncs"."trigger" IS NULL;
        COMMENT ON COLUMN "plans"."status" IS NULL;
        COMMENT ON COLUMN "coach_analyses"."status" IS NULL;
        COMMENT ON COLUMN "messages"."status" IS NULL;
        COMMENT ON COLUMN "messages"."role" IS NULL;
        COMMENT ON COLUMN "digest_logs"."status" IS NULL;
        COMMENT ON COLUMN "digest_logs"."kind" IS NULL;
        COMMENT ON COLUMN "notifications"."type" IS NULL;
        COMMENT ON COLUMN "notification_deliveries"."channel" IS NULL;
        COMMENT ON COLUMN "notification_deliveries"."status" IS NULL;
        COMMENT ON COLUMN "push_tokens"."platform" IS NULL;
        COMMENT ON COLUMN "training_events"."kind" IS NULL;
        COMMENT ON TABLE "training_events" IS NULL;
        ALTER TABLE "users" ADD "data_version" INT NOT NULL DEFAULT 0;"""


MODELS_STATE = (
    "eJztXW1z2zbW/SsYfYkzo2YTx3E87jOdkW2lUStLHklON113GJiELNQUwZKUHe22//0BQF"
    "LiC0gREiVRNGZ2G5vkBekDELz33IOL/zWmxECm++bWRU7jHPyvYcEpoj/EjjdBA9r28ig7"
    "4MF7k184o1fwI/De9Ryoe/TgGJouoocM5OoOtj1MLHZpywJQ18nM8s6B7iADWR6mVzaB7Z"
    "AxNhGAlgHYQc9EU/qvC448jJwmgMYUW6/fsLsYRKe3wdZDWQ3OLPzXDGkeeUDehIPwnz/o"
    "YWwZ6Dtyw1/tR22MkWnEMMIGa4Af17y5zY/d3nauPvEr2cPeazoxZ1NrebU99ybEWlw+m2"
    "HjDbNh5x6QhRzoISMCoTUzzQDq8JD/xPSA58zQ4lGN5QEDjeHMZB3R+L/xzNIZ/oDfif3n"
    "5Kfg0SKXaVqvP9KG7ZGmNVL9xh4hgXxwSCcW63NMkWXA/OO3uwSEH22wG1x+bg2O3p++5h"
    "AQ13tw+EkOV+Mfbgg96Jty0JcooynEZhroywl0xEAvDBJY00fdDsohQFuAtDGF3zUTWQ/e"
    "hP76/vhtDsZfWgMf5uO3HGdC30b/He0Fp479cwzvJb42dN1n4hjaBLoTGZxThuXgHR5YAr"
    "6cTnaO+PGHDwUQp1dlIs7PxRHn/0oAHV5fQ3zfFRrR73JG9Lv0iPbwFP2XWFIYR212h3Pj"
    "dnS5rdk4DvTpSQGcT08yYWan4ijfY8ebaHTaFuB8RY+KcY5bJZBmh1lHvAnPr8A8mImrMr"
    "RzEL5qjdoJ/Fz0XWaABpevNTYrhlNiCjgtMgOcZk8Ap8mR+Yzww8TTHh/S+H4yCfTEAMes"
    "EjCPmdnhAZ03IPu3F902uBm0LzvDTr/H7jKdu3+Zy5PsED2APQ7BoN3qJnBm3Thx0iB3rA"
    "yIlwYJfOkDHx669HHpPz8cvzv5eHL2/vTkjF7Cn3Nx5GNOB3R6owSc1CX26P3kII0bKVjT"
    "sJqeFKDh5QrKNJT07/JcmY/WwmCHLtUUUVD03XhV5X+7GD8h57ci0XDdJsBjB6FDhRe7Gu"
    "d+0hBfEGIiaGVwNxGzBNL31G5bUC+O7NY3uOj3u9wfcAN/4KIzSkB8e33RptC/jvsI6RmD"
    "czHaE3IwvZGALstFPW2ssJfAngJrIOeeQMfQiO1p0qNe3IDqA4k+0B3EMNH86CEdJLNoVw"
    "x+3DIvUGY/HCIRRP9Ao2+Z88BvyumQUee6PRy1rm9ivcJianbmOB67BEePkp+FRSPgt87o"
    "M2C/gt/7vXaSkl5cN/q9wZ4JzjyiWeSZfgEi7G94NEQt7ifZxpq9HrdUvV6VXg8xinQ7f3"
    "qWGxo/RvIW7MA91B+f2aQZOxP5KD6xXJRgMg7sPv06QCbkyKYHQZCYa7M2DrD//wlHfHh0"
    "OQ6ikTD1Md2J5pFHZG0I1MBva8Saqitez8R5JLNNh9Rvfit1BWmCII3tNT883BCqz7yt60"
    "WkWUe8DPSEdbQhUFe8kdpCROOTuWYSaGwKE2uoS9upK1IstcYiOZc2viFWv9Omvvgt1RUt"
    "24SbonRDm6gzPJqL3BIGE4Np6LdUV7SgBc25u+lE3uKtYLeuKNGzbHriKGwI1WWkqbrCNa"
    "XvDHzYdFBd+63UFSQDU4Q29cqveCNd8lBXlCzi4THWy3jzepGm6gqXPSspML6Z1TAqZvQL"
    "OSZZhEz8VIQqp6635npCLVOIad9CI0L/sxpZ5sgPw8YOK2Ms/cZqtoPGyEGWXgp00Tf4Jt"
    "ZyTXBkw3F6PE0M0Cl10h74U7LmmHGM5hMI8xf8X7Yyn9+YaUOWfONqjf6QTJE3oVYAAoNM"
    "aQvAQTpxDGSAMXEAYSJ5F3iEHqYN0R+agNAuAjZywBFbDNAEjxR0+l80F0j2t9C+QMH/H7"
    "4sgZ1k1/J/0bzxhxL2V0nYH3ZNWurQtmZTjnWHPgYMJoAY5qFtlSXRjZtuq6ddDtqtUfvq"
    "HPCoNcjq3VmtXqv7ddgZavT01ddzAIP4SmP5kfmd1f/SHowGrU6v0/tZu2qP2pe8EUIji8"
    "V7bSAP6Z6fGZeVVpwU0V2fZMuuT1Kqa/aGCXtT/NYEl1e5A9dUrZwVgfYsG9qzFLTsFUpj"
    "+8uw3xNjG16fzB9iOqH+DUzsbo3kj8xL9zNsethy37Db7mNqYvjEUochxEfXrX8n0b/s9i"
    "+Scxhr4EIl9Gue2i2U0KfehCbnFURMynQNquHXruEJpDLlcXTT0H4iDsIP1q9onnIFxLFD"
    "uFb1MCFNhQr0sAOfF95pdEDRv53+xcgXHV22hpetq3bjn2zpgVRULBmhxPLrgkAlmX/Pjl"
    "fSWf/V4QoNKkFgB7jdjzSuGMMpNucAuzRyQMAkD9h65QJ9woINMgYO8XyyKR2dbN6cWk5c"
    "gbkmL+rwe1NyMo8ZbXc63+Xq4k0QjkjW2YsivXo4blW7pdrlr7dUnudL9DzRdxvT1tbo9b"
    "hlDXv9QHpZIB0VBhhryYXdMl/ranLotehfBz3R7906XRy3VL1c5V5WNIGiCRRNIKQJQnG5"
    "gCGI6M6zyYGoxL0YLRAIBFmIHmZMmix6p48H7udgAlkSEU9t4ngs9+iQKYv1WdUw4gB3Ts"
    "eQISYIymo4N2/pMnP+gwedwHmnAEcuIDPHH+bou4ccC5qs15Mpzsj1y3aanD34QxEReyUi"
    "Fj1cuAJMaFDDnFn5K73j413G44pbqsCp0i6XMXN8HZJADZdT7Cdutma1nwPq11LK/ZAnpj"
    "pgg14S7ZSlKq9UAG8D+66sNpUb2jEzhXQBpKmT/ORPBw/0lpJ4i4wV6gVQh0/iWlc5WC9N"
    "FMIbFGjLm6qzSrQphLPGsA3pZOtqNo27H+WmDqG1wr0A7jo0iYNF649y4I4aKZQLoOzYAl"
    "H/cApNM7seoS2i3g65et7744+ni8J57Je8mnnD61a3my4DxCvQy8T6C4P61Xs9fltEH0uv"
    "yi6p/TalkLWIJ5oMRuh7xjhdGNQB4LyAvv3vUSyWT4lgF5NCt9/7Obw8qYxNcCsL7rEwd7"
    "Ww2GUlSGjNoLktVnDbBFaU1pVAOmFWh+GdLBl/VgTq47OckvFnKbbQNoWlTbM19kuLaqjs"
    "2f1qo7KfOBqvGOIi+iCi4irZ/SIw3aiDKvYu7LonzKAoTWEnOzRQDnYBB9tfdyz9NU2Y1X"
    "COL/1rqtST2dDXVz2pCnHWrdcFScGMynWSQqyY0QZqhorNq+VI/JWwTQnbKi9sS08BJYBa"
    "uIBlNd/7lajGpr0YrvQJQO+2281TDFagJt+B4L5uZSLaCoKCrJJ8aZ1AZjlcNFgjYOWFqA"
    "EM2XLUJU4rRama30kFtamjCQKfB8CFU9tELlORQhA0xIra2B6ANnQ84BLgTaDHeQoX0Hlq"
    "Tn98mHhpUWopLW6wcDWEQc5BiFvtVj9aSQ+hCbLFohNHC7pXkguLWCmeshR2LOXIyQjqUy"
    "9NujvDGb2gg7JB1fYqvCcrHZT4NFFgScNGyxRihd0FH4dk4ffsb0O63HyxZQsGnL9yQbCt"
    "H53Wm/T/X5rANRGym8DfpJLva84+Om5GDYN1GsldjsA3ZFX10yr1TZDderekTXcrGj8KKf"
    "r0rrt5m2yuULbUdafNMgQuE+dJm8qpsZYmKlVUIFXE525tQmaOHMwJO4V1YaxdnTjS+reE"
    "qZomYsCqnbl3NIC5Wyc9dhdWatgqvZvK0FdnKB9mrlZl6F9irxfJ0Kt8sson75tYrGihlC"
    "DhLOAel6nobNYxsmnjarqxBWyHPGEDOQDqOplZLDVkPfplTCBgAP0I6MfVQJaHaRMAOgi4"
    "Hh1HBkCW7sxtT1QjpbxmcynJ8CaKlqwWLbnoFwl3OWpTw+om748LOMvvjzOdZXYqVRvANu"
    "Fc479LAJ20q590eCvLywKVjDTacTMFdiGwI5+GNNjZK/oSZrWYRna9sA8+QexjkQL+ghAT"
    "QUuMfcwugfw9NdwW9OEHdLfQX/T73Rj0F50ktrfXF+3B0bvXcaYuzSyZ0PU0VhNujQA4aa"
    "tqg1Yn4k0THcveYvsMzgRTW7Gdr0Tt7JBjtNBToAiQ2Air1/7SHtBOZrZ3Vv/Xc0Ae76xP"
    "rU6X7Wk1pnMH3xLrdvRZCw9SLCdaeGbQvuz3esEWWGy7OMtae+Or8olL3iPIcYiUyxu3qp"
    "9r8KGQa/AhxzX4kHYN/OqZGg0psSk7XSZt1XRZ5elSZQOy37PD5IVVNuAl9rrKBqhsQAUg"
    "3WY2IKXp3nD9U3FFdzX9j/zNw5kbtiFAfiJkSBuq0YCUWyC2VlKJI5aZWArxXJVc0hY9WL"
    "AOP73cX5Pk258DG1kG06X/8BNwZpYV/Egewd9BLJhRd3/NhtSWfBX4QDVzMkabESLbp0HS"
    "oAcDT5YHuWn3rjq9nxcD984a3PZ6/EgwfrPYkWowHfTuDw9Zmb3VPRUxr7oqrnHd6t22uu"
    "fAt76zhpef21e33fY5cPUJMmY+1b3/LnEQhcJdL2ZK2qqoqSpRU5FYuUIbXFTTD616Jxfi"
    "wcbYwu5krW5OmKp+rnI/UzcaP2EPI1cLt45K93emcj/Dei0Z/1pT+Nttzd++iP/43cnHk7"
    "P3pycLJf/iSJ6cP51vDZbjroOxyFQBnAQYeh6a2iIKJH/tSdSuNqiWsfZEOrGocopyOcW9"
    "Vourmr+8FQZ698W4KgrrBtW49q1Kh9icd1lpXxF/uDjZzKUP2WUaq10rwR5Cb8Ig+MGAc3"
    "BkEh2agDmsryl+EwTc2ZQxgthzw4JH7ivA7hDUPZrZwCPcABALPDvYQ2JucTu3USU1DoyJ"
    "VCU11iipsesS4et5em+25etteSl3dk4x36GO2imHOurvHdqOoQc7dPe5geXLQlr3BHLIvJ"
    "3QPJEEUtXSEG7xJ4ktVNgWx1afiRyuPHRDC4VvkXlh4hDLr1RYfG5Y2iiMC2CsNKvZXtth"
    "Zl+VZnXfjKHSrB5wBQvGBA49yJ8lxRUuTzbzuEJ/hyt2nURVdbakCuhkalMXwQAOdh+5XN"
    "AK2b0mY+nY8jHHYEfRE7I8QOgIAjZyALKxSx9EXF69vKY3UCNWZ86pQuXokqk/1qeaSTtO"
    "4O1nJ9viVjtUtZn0s7Str/a2Nzb13wYtlCH5Uu+ilKvYekMC9oA81jT/Gk5L66yVi5sqF7"
    "TqLmjKZ5L5xK/yryR3HljXu6rCx6Nk32ojf+l3YqEvyHH9vyTlMUVP5/pMfNvbJ/9Kub1o"
    "bIeMsYkAtsCYONRpGTtkytZZBBnNI9a0X6craN8v5sVTpJn70Wzeam7+FI3HiMnekMbaVZ"
    "nUarlTid6R+cCnLF90dpU5Y/KbFSytVCnnxHoJtf/DFmA1PXlAQxsFZQzKe+x4E01WiRK3"
    "etHhkKocUrNgqFDlkMpwY9V9WRQfX6WYcWd8PNtPtyEILPnxZl5EyTb1LV5Lml7MAj0a4T"
    "0QaJ77Wz6ygI5JaL994429Cbv+2zfwJ7n3Q0Kmq8WWPfMEu9mV2O5q5n0ZXEY+BX+oSHKv"
    "kSTrdBlKPry+FgVgt758HOpI2teMGb1kV9OAc1ez6aT/jNCjbPiTMt6dSvcwAiGT0Gjbmd"
    "EvKZxLx5YJWxVjxgt5QId+BDX2oopk0JmwpuxqhGtpS2B9l0N7RIJRm/3ZilvV8ON1elLg"
    "43V6kvnxYqeSu9xVu26QIG0fNLpG7aCf2732oDXixYKWrbDayK2rr6wqMjTm1awaxJ5l5i"
    "CNPqIryvVnl/RPW9ZhTXMe67KNov5cKSHt5MWtXrKXhyxDGr2ozUvGzp1Np9ARfAizX/qI"
    "iXrb5d/2MdRFiwV/GfZ7WZOsLlwlaGDdA38DE7tbi0Mi9AQndbDlvmG33QdDwQDK74wk7s"
    "04lcEaSHYGC+2kOmNhUI3OYPerTWd4xIOm5iJ3IZCRiSjT1mpVbUKEyPhuY22AxS0okFVx"
    "pS2OWpUrfom5YrVir2a9XmTFHmdI1qqSu7RTNTSr08FKA7JOpyoNSGU1IBHWJNOFltkmg+"
    "k7hn5LNQJ8q/tkRCHLUMxEEM0XzsTCmGLF7pgZWwQRWP4IgpiIbWyBPTCFc76TOhe+BPWd"
    "6M/QAwY26AXi0nZlNCpciGEH+iGWskquvhCVuVMamr1paCRzkfVNQpaf3VpH+qEUHxml2V"
    "T5xRVzgCDFwv9qiZc7vF693QXebnofZLnYk5RyRIxqCPNZAZTPMkE+S+0q5IuK8qoFrhIk"
    "5ZYMVKKkCFA5xS9XgpxXAVOBvATKZvrYKaZAcX3no1z5y7xGVEG2AgXZYgDSeWvzXkg0on"
    "qheC9MHI0t85dyUFKWddCBxD+h748LfEPfH2d+RNmp5DYWy8dKgZ2ttkmY1cJb2bXkxsO2"
    "DOTB5XUY1LtGeqEREDCjhJgIWiu0BQLg76nhtgb54shusb/o97sx7C86SXBvry/aNBZ6HZ"
    "/H83Qd61WXitqq7FmVs2e8t3CYvCnsKMXNlGtUwDXi2QE54jtiovKUyQLMKu1bJpxBDkgS"
    "0bjVBqAezlSwfio9zJxtmEoPF/Af5jBdmUqPzHniVHpyEigB0peuThBMBCWg+tuypYN8+1"
    "fiGp/9YtDSRwC92253X9U/WhY05y72p62EnmFxrpknZtAJ1Cca5NcWLcfdAtyKaQxgcBNW"
    "MJtpDByks+LYfKVDk2+W5yFrWc6D270J7uZX8xBVBSm7eVUc5CCFDQe4BNhGlrHG+t+bdu"
    "+KL/4N7A9h5a+NHEwMv1S3mDzIiHYSdi95BWWABe30NRAMrF4yftSYfgAEwy+boI2YKJJW"
    "rUA96EWPtkOesCGKjbITcFGbOrwA2/7McZ9ZBuCFQf3QLb/Ky8ylgY3MdLIw2Gg6qRjKu5"
    "43VNGW/X5E1VLfhlrqu6sZ/DAXfRZZ6qsWfdY9ba2yf2rR577p/4oW/r4kFttYCXoZyxlj"
    "55v5KYDllYUzAN6EzaKMl58il/nkLrhH3jNCVmTjTPqjwal5n5gXMP3rNiPD6EfqOihGf7"
    "+Mvoc9U04uHBrUQrua4CqO3xYhK47fZrMV7JzyhJUnrIre1K3XBe6x2qZeecd18o4jLmvg"
    "+6XhlimJcu23UiOwt1oOJYRLEDtEkMwOG6KdVqwCSmBxzn35wLd/5TYBcZbe/SuXevvuM3"
    "LAM/YmfJcfTvnzGMCXdIgroZTZeO7WtLqJkcXVYOm6KHoi6FJiosqEHg7JijxWS4lC2yoH"
    "IY3bYXtwDtgovbNaw2GHOhe90TmArsvXz3vJt2Y/6dQ9KDYqOtvvLNt0gDK6cHGZ5BTTGI"
    "4G7dY1V9LRx0NwyrV0l/3rm2571D4Pq2MheqzVu2x3uahOZ3+3aSKjmjq75fdG2IMZ70zU"
    "qA4p2m0LEZSURklpDnsEKynNio/rVqQ0yHGIQ0E1pGjtuFX9Rnf5FTAUr50N/WEynEV4bV"
    "Wg4KUoPaLMiSSnLTBV3LZaRr/DVEGS9tswZZCUbhwmxCtTB4L3Vi0F33tWZpsphyv8gFyv"
    "Sx4agqTD8mQzL+1g8Ms0kzwU1ir5JueAsILpyOEcaRM80j7kxL+/nA4cWYgOR+A9Yx29/j"
    "FciQl++Am4bM3x38B9xLaNDJGMqeQ73Fl31oglLUyiP/Jlzsj11z+TZ/A8QRb/xb8p+7NN"
    "FxgzBI54osOEePq6udBMBVf9Se7vLG/mWC6rC09HDgEQWMTDY6zzN/BH+jtr3kRjb/Fo2A"
    "UO+oEO/RkywmXW7jNC9uo0Cfvj+fsXXe6Zzpgs6UUl06pMriTsu3X44kW/V5iqpy5vp/v1"
    "HBgQm/M767d2+1f2KysrYM7XYX1LLppckaXVFf36FVwbXIG11YcN4AHmjUorvzBss9wp+y"
    "zTn3/t3NywrFDwea7ABEG/9mswIksrxYVUmQuJumWSQbvAVJVrU0yyYpKVQrpuva4U0vum"
    "PRUXd8BcXC/iKTQEdFzsfDOPkYv6HBJqYGz9QNtMcFDfvj04ZGZrj2j+7RuYwkfkAkhhxQ"
    "8PyAHYQFObMDEgOAqpNvREf30t1gSXf4tcymvRbs6OiVFFcBMsj7M5WPFe+16eyKBK4Vws"
    "3g1tK8173XRbPe1y0KafZhrP8hq8wYC8s1q9VvfrsDPUgtKDYe1NLahB2P/SHowGrU6PRs"
    "raVXvUvuSNkCfk8I6h3UUfxEM6b83n1LTh7fV1a7Dg1jR3Np1Ch7bGGbjlac7ELc/etL5e"
    "0whcC/WYNpxPmZ7R12XSkPz2Yng56NyMOn3693xu9X7m8fnsfvHXavoEWg/rBevlq1fUut"
    "cIvMdvi6x7pVdlAszPxRG+J4ZgG79sUXl4fS3w3bWinE2gabCzlYbh9aoEYH5XrKE/5H5D"
    "qity98sJTdRWORJb5TDQ1iw1pDjXyhEFaX5o6btLfKVjRrX4kqgKFYqJ2w7/qpg4xcRtF9"
    "Ld1CqgZpiGvHjTagVRfu3Kb3NeI+y3WrpAiN0KDjOKcTEuU4t3dTFWM9oA4P9DgFERFjLP"
    "E4q/hPjP5zboD7SPkOPwHzMlh9u9lZDltBKEcHCrXE2fq0+QMaP30sbEUfTmnunNsMeEHu"
    "5qhjNiXmVft9G+bnW65wBN6Si/s25uh5/p6zBzJ+tQgSXrdl64pMo/4opEVvGV93fWVftT"
    "ezBgR8I5qhwhVvmrmlUx70a5xbzjH40UqvkxYspY0S5Vpl3Yy78GExAxU/1b5f4NS2RIli"
    "9JmNVvgfxWcmAmdD2NlxaQyYTFreoA9a7TYYrRzB71NWY0laK0Zr1eRFFaGW1+1fp8K7x2"
    "knPakN9OahoPE+KVPLdgoK3Pd3tYf0Si6FaG7L6ZuZMRb6hGsO+M4r5xGAWC2NBeQXJHrm"
    "wWprnthVHhFfUsk/LKDdlmtxmuMmffK5cvPf9rhpEHJmTmuODIJDo0g5OYL17HDvgvsZBA"
    "t1t246t3CslkpauTs1zNT1dyZm/mkNGcnk1Dmy0iWxgoFVl+BLPORrIBPV60L8LrVVeU3h"
    "VBfZPQ8y/KmCTMdpggePvx/O3bbaEfZ00+FOBMPmQyJh+SfEmgSTeglOgrbrVDoKe+h7V9"
    "mN8Xkb9nq9+TMPOvdVYxi2ycE2Z1IKa2Opp9vITlLlaBLK52oSBOSxcxDYegqRkz9hCajx"
    "73QwXxUZ4Ge0VLSpotIc0OPn2sLpbGMqqC2Ty3L4T2qgckesBC3z3NX8IVgClPima1sZP8"
    "XkXCqYqToWkOnHda6BBt1POiRlTXV7jrVfoj2wepV/ojxc/LFCxYpVHvW2hE6H+2rFCvAo"
    "FWsj69NHp5RJ0eE3oryeXFdc3C1LIXmBQlli0AjSm2+KJyBxuIbQwNwRibrJaDr+hctvkv"
    "cOTQyAUx/TI9+wu2/oTHr1zgQsu4J99F3HL57W9ALyvR8y54Zv5vCufsiDi8vhxiZ6/zzr"
    "Z3nHFn938iXWovt4hJlTXklZUaTbypqcnWOogZKdjXgN1jIYos7DEjBfsasKsYI3tuVzHG"
    "FlQXEZ2KwBmOq1iyXWCWHdUiuplCjm/7u034MiXgW4LnCXERcJCO6HX+HsZ8O4AJdMGcnv"
    "cI0CdIfxS6uZu1ppzaiju1HnlEAkFcTj2p0KAW36EdaOn910Zy2ULMSAUQKwOIwxLO7xT5"
    "w/y8F9HNB6vq55LKuoSZUk7nK6eNSLmDElXTNaxU0UywsImBVqWavdwB5V/yLO80/Myvck"
    "7ZdWv5psyQsaas2AT9hzmSgV7XQE9YR+4qd7RYA8oDrcD0UmUPtEJ+0Vb8T5aCGBNnKoZ4"
    "da2IqH2Vff5Gpz88B5i4rADx1aDfuWKVhw2H4Crss3NYDqoioMrxUKuz7qMaLlO5nqmqVV"
    "e+FmBnHmgLOVifiNzP4Eyu7wmX16xyO7MBLdk1zKzPI3ybBZV5gt6rrrPiV+Y5fnfy8eTs"
    "/enJojzP4khejZ5Q7JntCbI9nIXLc7N9wYhJlX2Tdf3BD0Vk5/SqbH/wQ0p6zl4qCYSDy2"
    "uI7rtC3va7HG/7XdrbpndkW76kEc5eAhcx2f0quP1880tb77bXbN8//w9HLt4F"
)

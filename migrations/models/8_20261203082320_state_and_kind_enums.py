"""States and kinds became StrEnums stored with CharEnumField: the columns stay the
same varchar; Tortoise describes each enum's values as the column's comment.

aerich also wrote a no-op ``ALTER COLUMN ... TYPE VARCHAR(n)`` per column (the field
class changed, not the column); those were left out so that nothing takes a lock.
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
        COMMENT ON COLUMN "push_tokens"."platform" IS 'IOS: ios\nANDROID: android';"""


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
        COMMENT ON COLUMN "push_tokens"."platform" IS NULL;"""


MODELS_STATE = (
    "eJztXW1z2za2/isYf4kzo2QTx3Ey7p3OKLbSeCvLHktOt113GJiELFYUwRKQHXXb/34BkJ"
    "T4AlKEREkUjZndxiZxQPoBCJzznBf872CCLeSQ17cE+Qen4H8HLpwg9kPiegscQM9bXOUX"
    "KLx3RMMpayGuwHtCfWhSdnEIHYLYJQsR07c9amOXN227AJomnrr0FJg+spBLbdayBTwfD2"
    "0HAehagF+kDpqwfwk4pDbyWwBaE9t9+Zo/xcIme4ztPlTV4dS1/5wig+IHREcChP/+zi7b"
    "roW+IxL96o2NoY0cK4GRbfEOxHWDzjxx7fb24vyzaMlf9t4wsTOduIvW3oyOsDtvPp3a1m"
    "suw+89IBf5kCIrBqE7dZwQ6uhS8MbsAvWnaP6q1uKChYZw6vCBOPi/4dQ1Of5APIn/5/jH"
    "8NVizQyjdzUw+p2BYRxkxo2/Qgr58JKJXT7mNkOWA/NP0O8CEHH1gD/g7Ev75vDdyUsBAS"
    "b0wRc3BVwH/whBSGEgKkBfoIwm0HayQJ+NoC8Hei6Qwpq96mZQjgDaAKQHE/jdcJD7QEfs"
    "13dHbwow/tq+CWA+eiNwxuxrDL7RXnjrKLjH8V7g60FCnrBvGSNIRio4ZwSrwTu6sAB8sZ"
    "xsHfGj9+9LIM5a5SIu7iURF/8qAB21byC+b0vN6LcFM/ptdkZTe4L+wq4SxnGZ7eF8cDs4"
    "29RqnAT65LgEzifHuTDzW0mU722fjgy2bEtwPmdX5TgnpVJI88t8IF5H95dgHq7EdZnaBQ"
    "iftwedFH4EfVeZoGHzleZmzXBKLQEnZVaAk/wF4CQ9M5+Q/TCixvghi+9nB0MqBzghlYJ5"
    "yMX2D+iiCXl1+6nbAdc3nbOL/sVVjz9lMiN/Ooub/BK7YFMBwU2n3U3hzIdx5GdBvnBzIF"
    "4IpPBlL7x/6LLXZf+8Onp7/OH447uT44+siXjP+ZUPBQNw0Ruk4GQqMWXPU4M0KaRhzcLq"
    "UCVAo+YayiyU7O+iRGXTmgtsUaWaIAaKuR2tqvq9i/MTanorkk3XTQI89BHaV3htYgjuJw"
    "vxJ4wdBN0c7iYmlkL6nsltCur5le3qBp+urrpCHyChPvDpYpCC+PbyU4dB/zKpI2RXDMHF"
    "GI/It9mDJHRZIepZYY29AvYMWAv59xj6loE9aijPenkHegwUxkCwmmwGE/525ZWQtNhKys"
    "hKkL/ZE1XE9BH/y43ALMuyD5xGkGOblCxiIPgP+8iwsT/QunKd2UGgkBbgOri47PQH7cvr"
    "xHTnZAW/c5Q0CsOrh+n9dt4J+OVi8AXwX8FvV71Omuuftxv8dsDfCU4pNlz8xLbWGK0eXY"
    "1QSyqgnrXiqCcl9ajXZdQjjGLDLt6eO92G45hDiF+4h+b4ie9GiTtxC5rppmRkUDxGrsRQ"
    "+RTKf/75BjmQyhfX0PN5E/Q14F3t4XT4J/oAoquLaREjyrA/xlOZSaeC1C9BL00FaYSgQ0"
    "dGYFauCdUX0dfl3EJtIl4WerRNtCZQ56KTxkLE7JqZ4WBorQsT76jL+mkqUuIO5zfRI4/f"
    "WA+tQdhZh/fVVMS4EzMyHdbE6zfW1deFEdJEtDwHrovSNeuiyfAYBJEKJhOHqR/01FS0oA"
    "udGVl362uLXmzSVJTYXb48CRTWhOos1lVT4ZqwbwY+rDupLoNemgqSZTOE1lUPzkUnXfzQ"
    "VJRcTO2hbVbx5fViXTUVLm9aEZVwPW0gj8D5GHyE8xia5K2YU4IZKwah0qixCNMrFw0w+8"
    "9yZLnp04862y/fvPIXa3g+GiIfuWYl0MW/4OtEzw3BkU/HydEkNUEnTEl7EG/Ju+PCMr5P"
    "kgmR5gPzMyKyLOTy1Ag2ZCCUA0LuBwBZ2wkz74FNADPEgIMfbPcFAeaI/ZUAD4GPabCUZx"
    "Mj1u9Op0Vsw9O4RlpEMJqGGtgJoSoxzy4C28ySWAfhGNfEPxTlLIikVONSTqqPG9ee23zo"
    "99OHV8Zzi757NutthVFPSjZw1PdklCWeWomDnqzmnSdVftb11FAbMb4+emT73SpDnJTUo1"
    "znUeY53YqaZUxks3plXQZ1iWKZiV9JopuF9jP2kf3g/oxmAuAL9h4wNMjlBnyUmr+fkGbs"
    "dXbZh09zczI+odjfzv5iFMRYnrX7Z+3zzsE/+QFBStSUIk0QBbtIGIJYHEw+ORAPuSlHC4"
    "TuN26iR97wFrfe2euB+xkYQddqAXviYZ/NATD08YTb+rz6AfYBmbE5ZMkJgqo6llAF/51P"
    "csLFxQ8U+qHyzgCONcBTP5jm6DtFvgsdPuq/p8iGWPtFPy3BHvyuiYidEhHzES6dyRoJND"
    "GfvfKMleR8V9G4kpLacKq1ymVN/YDll/iaCpKWk2IrZi3v0bhWkraMH3lEGZ/0imhnJHWa"
    "eAm8LTtQZY2J2tROiGmkSyDNlOTHYDl4YI9UxFsmrFEvgTp8lOfsF2C9ENEIr1Foomipzi"
    "s1oRHOm8MeZIstMTxmd4/Vlg6ptMa9BO4mdLBvy6L7CuCOC2mUS6Dse5KQmf4EOk5+XRVP"
    "Rr3tcxWQd0cfTuZZt/yXooTb/mW7281m3YpKmiq2/lygeXWrjt6UKV3HWuWXBnyTKV3nYi"
    "pbDAboe848nQs0AeAig77zn0HClo9gPLxs/+dlYlHoXvV+iprHYD/rXn1Kcytz7rE0dzWX"
    "2GZFG+hOobMpVnDTBFac1lVAOiXWhOmdLn35sQzURx8LSl9+zLCFniMt0fTv/lUvj4115D"
    "WaLNuk4G/gMDN8YzN7QX/fT22H2i55zZ+3CwacI1S8wKTXklaSBeQdpBeYkW+IfDyC2IvI"
    "kj3zx0UiutYA1exb2PZIOGGSbGklOxLQCnYJBTuI6lfeTVNiDVzjK99NdfRkPvTNjZ7UdW"
    "+aNuoSp2BOJQ3FQKyE0BrRDDVbV6sJ8deBbTqwrfaBbdkloAJQSxfUqed3vxTVxLKXwJW9"
    "AejddrtFEYM1qHixJ7ivmvfLekFQ4lVST1wNwyz78w4bBKx6IGoIQ3446gKnpUGpRjBIJW"
    "NTByMEvtwAAieegwiPIoUg7KgFxsijAHrQp4BgQEeQCp6CALZOzdiPDyOaDUqtpMc1Elcj"
    "GNQUhKTUduNHa6khtEB+sOjIN8LhVeTCYlKap6yEHcsocioB9ZmPJjuc0YpeUkFZo4pkHb"
    "6TpQpKcpkokdKwVppCotCkZHNIF6LM3xuy5S/LpS1YcPaCgPB4Erast9j/v7YAcRDyWiA4"
    "bEecz8g3HZJTw2CVTgrTEcTBUunkAp1AsNM9QfUIsYoOD6up/Sil6LOnhxUdFrQksqWpJw"
    "ZVEeAy8h+NiVo01kJEu4pKuIrE2m2M8NRXgzklp7EujTUxsa8c/5YS1ctEAlh9wuCWJrBQ"
    "65Tn7lxKT1sd76Y99PWZyvvpq9Ue+uc46mU89NqfrP3JuyYWa1ooJXQ4S7jHhSs6n3WMHS"
    "KznG5sA8/Hj7aFfABNE09d7hpyx0EZEwg4QD8AtrlayKU26wJAHwFC2TyyAHJNf+ZRWY2U"
    "6rotpCSjh2hasl605HxcFNTluEwDq5u8OyqhLL87ylWW+a1MbQDPgTND/K4AdFqueaHDG0"
    "kvC6NklNFOimmwS4Ed2xqyYOdn9KXEGrGMbDuxDz5CO8AiA3zhiccJuS0edBxtoHt7zrED"
    "CTV4TbgVDOC0rK4NWh+LN0t0LEaLn+IxlSxtfB/puNNJxjzLGfVFP1vkGF30GEYElB/vg1"
    "7na+eGDTKXvXOvfj4FeHznfm5fdDvn/Cm2g6w7t307+GJEFxmWIyO6c9M5u+r1OmcDfsfn"
    "iX0uMvkftsKWVT1xKUYE+T5WUnmTUs1TDd6XUg3eF6gG77OqQVA902Ampe2oLpdpWb1c1n"
    "m51N6A/O9sP3lh7Q14jqOuvQHaG1ADSDfpDcjEdK+Z/1Q+orue+kfx0XxcDavkkPs+66hB"
    "E1ItQWwlp5JALNexFOG5zLlkzEewZB1+1jzISQrkT4GHXIvHpb/6EfhT1w1/xGPwd2gL5t"
    "TdX7EjfSRfDTaoVoHHaD1CZPM0SBb0cOKp8iDXnd75Re+n+cS9c29uez1xJZy/eexIPZgO"
    "9vSHhzzP3vKRionXPSru4LLdu213T0Egfef2z750zm+7nVNAzBGypgHVvfsh8RGDgqxmM6"
    "VltdVUF6upjK1cowMu6qmH1n2QS/FgQ9u1yWilYU6J6nGu8zgzNdp+tKmNiBEdHZUd79zI"
    "/RzplcL4V1rC32xq/Q6C+I/eHn84/vju5HgeyT+/UhTOn/W3hum4q2AsE9UApwGGlKKJJ6"
    "NAinNP4nKNQbWK3BNlx6L2Kar5FHdaLa5u+vJGGOjtF+OqKaxrVOPadVQ6tJ1Zl5f2lfGH"
    "85utQvqQNzN47VoF9hDSEYfglQVn4NDBJnQAV1hfMvxGCJDphDOCNiVRwSPyAvAnhHWPph"
    "6gWAgA7IIn36ZIzi1u5jG6pMaeMZG6pMYKJTW2XSJ8NU3v9aZ0vQ2ncuf7FIsV6ricVqjj"
    "+t6+nRi6t1N3lwdYPi+kTSoJhyw6CY3KQiB1LQ3pEX+K2EKNbXlszalM4SpCN5LQ+JZZF0"
    "Y+doNKheXXhoWMxrgExjpmNV9r20/vq45Z3TVjqGNW97iCBWcC+xSKd8lwhYubrSKuMDjh"
    "irdTqKrOU6qAiSceUxEs4NtkLMIF3Yjda3GWjqeP+Ra/ih6RSwFmMwh4yAfIswl7EXl59e"
    "q6XiMasT5rTh0qR1dM/fExNRw2cBJtP9/ZlpTaYlSbw7alTe3amz7YNPgajCgMKQj1Lku5"
    "yqXXJGD3SGPN8q/RsrRKrlxSVKugdVdBMzqTyha/TL9SPHlgVe2qDptHxbrVWvrSgL8He+"
    "cOVxpkOlOyQaHeRMOmhtBASupOfTxhugjPnnAxtYe2KYhuAujUdwGDCAPoIJ8ScIgf2b/R"
    "IywGCc/Cb4HXr1+/bC3UnTGaZbWoTT2k0Mc6ZpNM/Itm2tVaL30rGpqymlbUvhF1fZIq1n"
    "GZqKbj/KCm40xME5/vKtgGzRsI7ccy0H7Mh/ZjNlyMTegstvlnMEXt63H6En/sXp++pGtE"
    "NFntLVUjojYsSH2tRM281sk62Brz+ht20Vfkk+CvztgR8duFVsRfrKHxGLRUO9XS8/HQdh"
    "BT6MEQ+0xVH/p4wjO2w9jIQ951UPE37D8oCyyCLXNPtly/10IrAQ2HiCfQIIP3qw2FehkK"
    "qdGR7vQ5VGFG8lnHaXLFWP3Ys4WUPhQmlXmtT5LbAKwOVQc0ktFQJqC8t306MlRj2pNSz9"
    "qxou1LbV9q+1Lbl9q+DFC/dqDUsBTXW0UWpcdalD+VhjXmhh6z8B4wdE4D+pIbdDwZ79u3"
    "yDn0Ohp9g0t8+wb+wPeBacgz9WzXm1LJ+dgb6H95TM/C2IxtDb9ry3KnliUffBU3SdS+gX"
    "6SDRSmgiZS1j0TQs9Z9bTgjBge2wSeEBqrmkMZ4e3l/+2HYeRgZn37U7azQomfdImtmZLV"
    "NmcCWgp9tgka/EOVJVjmwpqRaxCulRXXCVQOQ9G7n5Rq4OZ1clxi8zo5zt28+K30+dn1rk"
    "gqcfaHna5QlfSnTq9z0x6IMqSLXvipK+3zX/l5K9Ca1bMeKX+XqY8M9opEFkWcf1hYVrIJ"
    "1ZKKWJhNHBcmYrCVlbyk1HPW8pBrKaMXl3nO2JHpZAJ9yUaY/9HHRPTXrv61D6EpK0OSH/"
    "o2F9Cxb8WDsULsGzftlAZjLlCPweDPa8xgUEyhYxBE5gEzKhZlVlrX60mlN3H+21oZYHkP"
    "GmRdtnWDs1b7jp+j71jXAmnYqEcYFdUCEQzJSudvLOR0df76DLCOCVllUHVMSG1jQmKsSa"
    "4KrXIAH4/36Ac9NQjwjZ7AF4csJ4ImhmhxIE3CjClXRpuL8aSIUPIHENpEPB/bpmACZ8Cx"
    "3bEIgAkrx7KfIQWWbbEG8qLZVXQqTczwwngiWdq2rIC2jqHZXRq3zjTelHdrldAPHfGRU/"
    "RZ0cuiC7tzYpL/1Qofd9Ref90lvm72HOQSmyqGcsSEGgjzxzLVGvKLNWTOKw2CiorqkC8L"
    "SCosRq6DkmJAFZTVXwpyUW19DfICKI/Hx05sBpSI7xyrFdYv6kSXei5R6jkBIFu31h+FVC"
    "d6FMqPwsg3eNq/koKSkWxCHEhyC313VGIPfXeUu4nyW+kD8havlQE7P9omJdYIbWXbITfU"
    "9lQgD5s3YVJvG+l5jICEGcXYQdBdElsgAf6eCW5qks+vbBf7T1dX3QT2ny7S4N5efuowW+"
    "hlch0viutYrW5tXFZ7z+rsPROjZUfOm9KKUlJMq0YlVCPhHVAjvmMi2k+ZPtpFu32rhDP0"
    "ASkimpRaA9T9WQpWd6VHnrM1XelRQv9+TtOlrvTYmid3pacXgQogfe7RCZKFoAJUf1n0tJ"
    "df/1Jck6tfAlr2CqB32+3uqhpI24XOjNjBspWKZ5jfaxUFM5gYmiMDirZlD/ppAyHFYwxg"
    "+BB+FA+PMfCRyY/dEZkOLXEMN0XuoqyHkHsdPi2o5iGrDlJ197o4yF4GNuxhCrCHXGuF/N"
    "/rTu9cJP+G8vuQ+esh38ZWcAiQnDzIsXZScs85gzLEAsnOYViKIJKexvCs8GPCNDyQpSxB"
    "GxPRJK3OQN3rpEfPx4+2JbON8h1wcZkmfACb3uaEzqwC8FygeehWX+VlSphho7KczAXWWk"
    "5qhvK21w1dtGW3m6hO9T3Qqb7bWsH3M+mzTKqvTvpsuttae/900ueu6f+aFgI/wy4/aAnS"
    "nHTGxP1WsQtg0bK0B4CO+CrKefkJIlwnJ+Ae0SeEXADZ/+iIw8R+tAQ1HxDzEqZ/1W5UGP"
    "1YXQfN6O+W0ac2ddTChSOBRsSupriKozIno7JW+WzFUeZsVK0JP0dNWBe9adqoS9TjTNEb"
    "rR1r7XiPteOYyhrqflm4VUqiXAa9NAjsjZZDieCS2A4xJPPNhviglauAEkqcCl0+1O1fkB"
    "bA/kK7f0GYtk+ekA+ebDoSp/wIyl/YAEFIh7wSSpWdFx5Vazo2ckU0WLYuipkyunQwUW1M"
    "Dx/nWR7LQ4ki2TobIQe3/c7NKeCz9M5t9/sXTLnoDU4BJETkz9P0V7Mbd+oOIjZqutpvzd"
    "u0h2F0UXKZ4hJz0B/cdNqXIpKOvR6CExFLd3Z1ed3tDDqnUXUsxK61e2edrgiqM/nf7TjI"
    "qmec3WK/kY5gzjcTF2qCi3bTgQg6lEaH0uz3DNahNEs2142E0iDfxz4D1VKitZNSzZvd1V"
    "fA0Lx2PvT7yXCW4bV1gYLnEukRZ04UOW2JqOa2dRr9Fl0FadpvTZdBOnRjPyFe6jqQfLc6"
    "FXznXplNuhzO7QdEaBc/HEicDoubrSK3gyWaGQ5+KB2rFIicAswLpiNfcKQtMGZjKIj/IJ"
    "0OHLqITUdAn2wTvfwhysQEr34EhOcc/w3I2PY8ZMnCmCp+wp175w6408LB5likOSMS5D/j"
    "J/A0Qq74JXgo/7MdAqwpAofC0eFAe/KyNY+ZClv9ge/vXDr1XcLrwrOZgwEELqb20DbFF/"
    "gD+51376Ahnb+aTYCPXrGpP0VWlGZNnhDylrtJ+B8vvr94umfWY7KgF3WYVm18JdHYrcIX"
    "z8e9xlQ9U3kvur+eAgvazuzO/aXT+Zn/yssKOLNVWN+KiybXJLW6prtfydzgGuRW7zeAe+"
    "g3qqz8Qr/Dfad8W2Y//3xxfc29QuH2XIMFgu32KzAiCynNhdSZC4mrZYpGu0RUl2vTTLJm"
    "knWEdNNGXUdI75r21FzcHnNxvZimcCCh4xL3W0WMXFznUIgGtt1XrM8UB/Xt24OPp54xRr"
    "Nv38AEjhEBkMFqPzwgH9gWmniYBwOCw4hqQ4/s15fymODqH1FIec37LTgxMR4R3AKL63wN"
    "1rzXrtMTOVQZnMvZu5FsrXmv6267Z5zddNjWzOxZUYM3nJB3brvX7v7av+gbYenBqPamEd"
    "YgvPrauRnctC96zFI2zjuDzpnoBD8iXwwMGy72IhSZoreAUzP6t5eX7Zs5t2aQ6WQCfdab"
    "YOAWtwUTt7h73f71klngRhSP6cHZhMczBnGZzCS//dQ/u7m4Hlxcsb/nS7v3k7DPp/fzv9"
    "YwR9B9WM1Yrz56Ree9xuA9elMm75W1ygVY3EsifI8tyTF++UHlUftG4LvtiHK+gGbBzo80"
    "jNrrEoDFQ7FC/KHQGzJDUXheTiSij8pROCqHg7ZiqSHNudaOKMjyQwvdXWGXTgg1YifRFS"
    "o0E7cZ/lUzcZqJ2yyk26lVwMRsZvLa61YriPNr50GfswZhv9HSBVLslnCYcYzLcZlGcqjL"
    "sZrxDoD4HwKcinCRc5qK+EsF/wXcBvuBjRHyffFjbsjhZh8lZTndFCEcPqowpo+YI2RN2b"
    "OMIfY1vbljejMaMamGu5zhjInXWdc96Fy2L7qnAE3YLL9zr2/7X9jnMCWjVajAiuN2nnlI"
    "VXCFyIKskpn3d+5553Pn5oZfidaoagKxqs9q1sW8D6ot5p3cNDKoFtuIGWFNu9SZduEf/w"
    "pMQExMj2+dxzcqkaFYviQl1rwE+Y34wBxIqCFKC6h4wpJSTYB62+4wzWjmz/oGM5o6orRh"
    "o14morQ2sfl1G/ON8NppzmlNfjsd07ifEC/luSUTbXW+m9rmGMmsWxWy+3pKRgPRUYNg3x"
    "rFfe1zCgTxqb2E5I61bJWmub25UOmMeu5JeUEitpm0oixzvl8RkXr+59RGFIzw1Cfg0MEm"
    "dMKbtkhet33wF3aRJG636s6XnxSSy0rXx2e5nJ+u5creKiCjBT2bhTY/iGwuoKPIii2YVQ"
    "6SDenxsmMRtddDUflQhPVNIs2/LGOSEtuig+DNh9M3bzaFfpI1eV+CM3mfy5i8T/MlYUy6"
    "BZWCvpJSWwR6EmhYm4f5XZnw9/zo9zTMYrfOK2aRj3NKrAnE1EZnc4CXtNzFMpDl1S40xN"
    "nQRZuZQ9AxrCl/CSNAT+ihEvuoKAZ7SU86NFshNDvc+nhdLIN7VCWreeFYSOX1CCiMgIu+"
    "UyNI4QrBVCdF8/rYin+vJuZUzcnQLAcuBi1SiNYaeVkneuhrPPTa/ZGvgzTL/ZHh51UKFi"
    "yLUb9y0QCz/2w4Qr0OBFrF8emV0csDpvQ4kC4ll+ftWqWpZRqKlCWWXQCtie2KpHLfthA/"
    "GBqCoe3wWg5BROeiz3+BQ59ZLojHL7O7/7bdP+DRCwIIdK17/F3GLVff/xr0sg563gbPLP"
    "7N4JxvEUftqyF2drrubPrEGTK9/wOZSme5xUTqHENe21CjEZ04hmqtg4SQhn0F2Ck3UVRh"
    "Twhp2FeAXdsY+Wu7tjE2EHURi1ORKMPJKJZ8FZh7R41Y3Ewpxbfz3cMiTQkEkuBphAkCPj"
    "IRaxecYSyOAxhBAmbsPsXAHCFzLFVz1+tNK7U1V2opHiNJQFxBPalIoBH70BZi6YPPRjFt"
    "ISGkDYilBsR+Bc5vFfn93N7LxM2HWfUzxci6lJiOnC6OnLZi5Q4qjJpuYKWKVoqFTU20Ot"
    "XsFQqo2MnztNNom1+mnPJ2K+mmXJCzprzYBPuHK5JhvK6FHm0TkWXqaLkOtAZag+Wlzhpo"
    "jfSijeif3AUxxP5EDvHyWhFx+Trr/AcXV/1TYGPCCxCf31xdnPPKw5aP7Tqcs7NfCqomoK"
    "rRUOuT91EPlalazVTXqqs+FmBrGmgb+bY5kqmf4Z1C3RMu2ixTO/MBrVg1zK3PI/2aJZV5"
    "wtGrr7ISVOY5env84fjju5PjeXme+ZWiGj1RsGe+JsjPcJam5+brgjGROusmq+qD78uEnb"
    "NW+frg+0zoOf+oFBAOmzcQ3beltO23Bdr226y2zZ7Ij3zJIpyfAhcT2X4W3G72/Mry3Xbq"
    "7fvn/wGCGj01"
)

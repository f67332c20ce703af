"""``sessions``: one row per signed-in device (a login; its id is the refresh family's).

Access tokens now carry their session (``sid``): those issued before it are refused
(401) and clients refresh them. So that nobody is signed out by the upgrade, every
existing refresh family gets its session row here: live while it still holds a usable
refresh token (not used, not revoked, not expired), else ended at its last revocation.
The device name of those is "signed in before sessions".
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "sessions" (
    "id" UUID NOT NULL PRIMARY KEY,
    "device" VARCHAR(120) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_used_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "revoked_reason" VARCHAR(20),
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_sessions_user_id_595811" ON "sessions" ("user_id", "revoked_at");
COMMENT ON COLUMN "sessions"."revoked_reason" IS 'LOGOUT: logout\nREFRESH_REUSE: refresh_reuse\nPASSWORD_CHANGE: password_change\nLOGOUT_ALL: logout_all\nREMOTE: remote';
COMMENT ON TABLE "sessions" IS 'One signed-in device: a login and its chain of refresh tokens (``id`` is the';
INSERT INTO "sessions" ("id", "user_id", "device", "created_at", "last_used_at", "expires_at", "revoked_at")
SELECT "family_id", "user_id", 'signed in before sessions', MIN("created_at"),
       MAX(COALESCE("used_at", "created_at")), MAX("expires_at"),
       CASE WHEN BOOL_OR("used_at" IS NULL AND "revoked_at" IS NULL AND "expires_at" > now())
            THEN NULL ELSE COALESCE(MAX("revoked_at"), now()) END
FROM "refresh_tokens" GROUP BY "family_id", "user_id"
ON CONFLICT ("id") DO NOTHING;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "sessions";"""


MODELS_STATE = (
    "eJztXW1z2za2/isYf4kzo+QmjpN63DudkW0lcStLvpKcbrvu0DAJW6wpQiUoO9pt//vFAU"
    "mJLyBFUpRM0ZjZbWwSB6QfgMA5z3nBf/cm1CAWe3vFiLN3jP67Z+MJ4T9ErrfQHp5Ol1fh"
    "gotvLdFwxluIK/iWuQ7WXX7xDluM8EsGYbpjTl2T2tC0bSOs63Rmu8dId4hBbNfkLVto6t"
    "A70yII2waCi65FJvxfhvZdkzgthI2Jab9+C08xqM4fY9r3VXU4s82/ZkRz6T1xxwKEf//B"
    "L5u2Qb4TFvw6fdDuTGIZEYxMAzoQ1zV3PhXXrq7Ozz6LlvCyt5pOrdnEXraezt0xtRfNZz"
    "PTeAsycO+e2MTBLjFCENozy/KhDi55b8wvuM6MLF7VWF4wyB2eWTAQe/97N7N1wB+JJ8F/"
    "Dn/yXy3UTNN6/ZE27Iw0bS8xbvAKMeT9Szq1YcxNjiwA84/X7xIQcXUPHnD6tT3Y//DptY"
    "CAMvfeETcFXHv/CEHsYk9UgL5EmUywaSWBPh1jRw70QiCGNX/VzaAcALQBSPcm+LtmEfve"
    "HfNfPxy8y8D4W3vgwXzwTuBM+dfofaM9/9aBdw/wXuI7xYw9UcfQxpiNi+CcEKwG7+DCEv"
    "DlcrJ1xA8+fsyBOG+Viri4F0Vc/FsA6KB9A/F9n2tGv8+Y0e+TM9o1J+Q/1C6EcVhmezjv"
    "XY1ON7UaR4H+dJgD50+HqTDDrSjKt6bjjjW+bEtwPuNX5ThHpWJIw2UYiLfB/RWY+ytxXa"
    "Z2BsJn7VEnhh8j34tMUL95qblZM5xiS8CnPCvAp/QF4FN8Zj4R837sag/3SXw/WxS7coAj"
    "UjGY70Bs94DOmpD9q5NuB10OOqfnw/N+D54ymbO/rOVNuMQvmK6AYNBpd2M4wzCOnSTI53"
    "YKxEuBGL78hXcPXf66/J83B+8Pfzg8+vDp8Ig3Ee+5uPJDxgCc90YxOLlK7PLnFYM0KqRg"
    "TcJquYUADZorKJNQ8r/LZUU2rYXAFlWqCeGg6NvRqqrfu4CfKKa3Etl03STAdw4huwqvyT"
    "TB/SQhPqHUIthO4W5CYjGkb7ncpqBeXNmubnDS73eFPsB8feDkfBSD+OripMOhfx3VEZIr"
    "huBitEfimPxBErosE/WksMK+APYcWIM4txQ7hkanrlZ41ss7UGNQYAx0hwAmmmc9JI1ksH"
    "bl4Eclswxl+GEXiSD+Bxp925r7elPGgIzOLzrDUfviMjIqYFPDnYOo7eJf3Y9vC4tO0K/n"
    "o68IfkW/93udOCW9aDf6fQ/eCc9cqtn0ie8AIfY3uBqgFtWTpkbJUY9KqlGvy6gHGIWGXb"
    "w9+IbuHkJ+C7hwi/WHJ1g0I3dCm+Ij+KIki7Ev9/mXAbGwQDY5CXzHXAf62MHx/yeY8cHV"
    "5TwIW8Jcx2RjzaUPxF4TqIHX1wi6aipejDDG+10TqaHXS1NBeqLOA52t+9396vXSVJDGBF"
    "vuWPNs6DWh+ir6uliY403EyyCPpk7WBOpMdNJYiLgRN9csio11YYKOuryfpiIF/kcwdytY"
    "y3/nXX3zemoqWlMLr4vSJe+iyfBo1SgGAFPDlQNsY2vO1l3I26IXkzUVJX4XlieBwppQnY"
    "a6aipcE/7N4Pt1J9WF10tTQTJMjtC6WvmZ6KRL75uKkk1d887Uq/jyeqGumgrXdFYRe3A5"
    "ayB1ABwVPaBprFX0VsifwFVvjbnSgK8A075NRpT/ZzWyoMgPg852y61e+IvVpg65Iw6x9U"
    "qgC3/Bl5GeG4IjTMfJwSQ2QSdcSbsXbwndgXCEC5VkLyxI0vT0BfFgCKBZkrKrExmGdELc"
    "MZdCGBl0wntADtGpYxAD3VEHUcgkYMil/DLviP/QQpQPEZoSB+1DxkQLPXDQ+X/JXJLXsI"
    "H+JWkO/xa5G3AT2op/yXzvD5X9UKfsh2BokvEgHXs2EVif89fA/gIQwTyQrXPc+N5lt93T"
    "Tged9qhzdoyE1eq7Pq/tdq/d/W14PtT47bPfjhH27SsNnEjza7v/rTMYDdrnvfPeF+2sM+"
    "qcik4otywW37VBXKK7XvhA0fiTwzzB6YfpsemHidB0+MKkoyn/avzmdR7AkqE9R3mgPUqH"
    "9igBLXxCSWx/HvZ7cmyD9nEnq8kX1L+RZbKNkfyhdel2ZlquabO38NjnWJoAn4h/NYB4/6"
    "L9rzj6p93+SXwNgw5OVNRDw/3fuaIeuDahFdMKQiJVqgb10GtLaAKJcIIoukloP1OHmPf2"
    "L2SeUAXktkOQ0LubkCZMBX7ZwU8L7TQ8ofjfzv9i4kVmnbaHp+2zzt4/6fEZhazighZK15"
    "yY7ikkKsvTrCP3M+0VC1pqutc0p7kyGhMkJBC94xaF6MKzI2yC2Oz2T64ggakwdRG3NC69"
    "aTn8v27SMCnd07V9bYOwkOCWyxi7aDJjLhpTy0BPY0jWHhDDZIj/z6BPNtq36L1pv0bY8R"
    "/JbR9uuBAuS+y3iBvKyKFP1zaYPN57QLK3/w4/8pd74lOVPnmPIjaYTvzbcPjD8T0YVPwq"
    "7wnZ5Dt/CdNdNxf8ORW7GmUoH7zLo9fxVun5su98zS7dJuIfuWSXSc3oCJqXyuio20JYdU"
    "qH95Vo/ANhJdS1pPR2VLZtTvAd0dAkEYqeilYgRHGTW2AkDk+yBcbj9NK3wGR04OotUGwX"
    "nhwScrBD3OGJac1hx4HtS+w3rxjSx7A98P3Noa7nb0nug+t3p8qO1EDdztpkvNEsaM9EhD"
    "Zr0dRkCVyJcCi1DT6UwlVGolKNU5iqr8ugyJd06JtLvpDvU5P3VmLUo5INHPUdGeVUBS7G"
    "sZVKK2JVftb1dCM3Ynwd8sj3uzJDHJVUo1znUVZMuWLKFVMupQmCOHMJQxAKQU8nB8IR7/"
    "loAcZnBTHecCPdS+Y5BmIbjHdBKANbvTThwyY/Q/s3N6ZxcwMWP7fhpSRBVZ1f28Ftz8R8"
    "xZBpvP5R9IB1nf/RgZyOHWcuqG3TQJihmxsG/eQkHf4dnhehLeUPxUY8KxthLFLE8trNS4"
    "kGRo9spGykMpzT0W+u4Wxh5molzaq4bANHfkdGOpfarTiSFzHMyoZ+SaPMdyZGJZWt8oVI"
    "J3upcYHdvW7/S/9qdAwWBJ251/ag83nQGX7VBp2rYec4sCD4H8P3pGv7sj0c/tofnGlc4+"
    "l94fcXBdu5zWHf8xZef1q72w361LBlQb8X/ZHocELdhGGTLw4kVxhIRhRIXDtTnIniTBRn"
    "IuVMgpo0Es4kVK4mnTMJV8bJyZl4LAvQFkGiRQtWEP566HaO+PJitJA5mVIHwvbuHDqB+A"
    "gI8qMOYnM+hwx5UEVVHWemOzEQFz9AQKBPcLRQqAGdOd40J99d4tjYglGPZ0aF2i/7aQmO"
    "Q9Elz0uXLEY4L1uyEGgiWVJ5Fd3ofC+iYUcllSFVaxXbmDle+rIkiT7jIIWoWMmTFHZoXC"
    "s5SoE+QrIiTPqCaCck1dEVOfA2TE+V1SbFpnZETCGdA2muJD96ywGkXRTEWyasUM+BOn6U"
    "nyOSgfVSRCG8xuE3WUt12vE3CuG0OTzFfLFl2pTb3Q/Flg6ptMI9B+46tqhjysqWZcAdFl"
    "Io50DZmUrc+cMJtqz0s56mMuptl08m+nDww6dFBhv8kpW8Nrxod7vJDDZxum8RW38hUGOq"
    "v6SpX2H6ZaSSlWwxGJHvKfN0IdAEgLMM+s6/RhFbPlE7Y7EodPu9L0HzeEGNGLey4B5zc1"
    "cLiW2esoXtGbY2xQpumsAK07oFkI6JNWF6x+OqjnLFVR1lxFUdJdjCqSU9Ni69NM9Soh7F"
    "eeB5jSnOM3Y0UWicEf4isprs6eMiEV1rgGr2LWx7JCy/ln1uJTsQUAp2DgXbK1daeDeNiT"
    "Vwja98N1WBs+nQNzdwVh1y1rRRlzgFUw68KRiIFRFaI5qhZutqNWURVGCbCmyrfWBbcgmo"
    "ANTc517V87tfiWpk2Yvgyt8A9a663ayIwRoc5bMjuJc90ID3QrDEq1S8Ir8fZjlcdNggYI"
    "sHovowpIejLnFaGZSqeYNUoNLl1wFieDK1CPOKVPod+WUp8RQ7LmLUqwsJPAWDupBz/uP9"
    "2JVXvFy7xzWKfQUwFFMQolLbjR+tpYbQQunBomNH84e3IBcWklI8ZSXsWEKRKxJQn/hoks"
    "MZrOg5FZQ1Dnutw3eyUkGJLhM5UhrWSlOInAcr2Rzi58Wm7w3JU2rzpS0YGAon8Dnnwtkq"
    "Xwct/v9vLcQsQqYt9ERgwfbKCPNNh6XUfSzTSWY6AhAd6tiVeu0JhvSUK6C1UhgOv30Wmb"
    "W79qOUom+POvGQFu+bkIbFrYhsiUiqAJeYw+5RmxSLxlqKKFdRDleRWLu1MZ05xWCOySms"
    "c2PNdOoUjn+LiaplIgKsp3loD/eFpnBESk3gPBNYqHWF5+5CSk1bFe+mPPT1mcq76atVHv"
    "qXOOp5PPTKn6z8yc9NLNa0UIrvcJZwj0tXdDrr6Llzc9KNbTR16KNpEAfqs4oj0yzTfvDK"
    "mGAEAP2I+OZqENs1eRfinDPm8nlkIGLrznzqymqkVNdtJiUZPETRkvWiJRfjUkBdDss0sL"
    "rJh4McyvKHg1RlGW4lagNMLTzXxO8FgI7LNS90eCPpZX6UTGG0o2IK7Fxgh7aGJNjpGX0x"
    "sUYsI9tO7MOP2PSwSAB/QqlFsC3HPiIXQ/6WC24K+mAD3S70J/1+NwL9yXkc26uLk85g//"
    "3rKFOXZJZEdWaoCVe2snNIVtWCrY/FmyQ6lqPF7S53Jlna8lWDlfWzRY7RJo9+RECBmrC9"
    "zrfOgA8yyF7b/V+OEX24tj+3z7udM3iKaRHj2m5fjb5qwUWO5VgL7gw6p/1er3M6gjsOJP"
    "bZRIc/rMSWVT1xKUaEOA4tpPJGpZqnGnzMpRp8zFANPiZVA696psZNStMqulzGZdVyWefl"
    "UnkD0r+z3eSFlTfgJY668gYob0ANIN2kNyAR071m/lP+iO566h/JFJ24CrcmQJ4jZMg7at"
    "CELJYgVsqpJBBLdSwFeK5yLmmLEcxZh58393KSguMFp8Q2IC79zU/Imdm2/yN9QH/7tmBK"
    "3f2SHa2R2aQ8RluphL8WIbJ5GiQJuj/xivIgl53e2Xnvy2LiXtuDq15PXPHnbxo7Ug+mgz"
    "/9/j7Ns7d6pELidY+K27to967a3WPkSV/bw9OvnbOrbucYMX1MjJlV6sih6ofEIRwKVs5m"
    "issqq6kuVlMeW7lGB1zUUw+t+yDn4sHuTNtk41LDHBNV41znceZqtPlouiZhWnB0VHK8Uy"
    "P3U6RLhfGXWsLfbWr99oL4D94f/nB49OHT4SKSf3ElK5w/6W/103HLYCwTVQDHAcauSyZT"
    "GQWSnXsSlmsMqlXknhR2LCqfYjGf4rNWi6ubvrwRBnr7xbhqCusa1bieOyodm9a8C6V9Zf"
    "zh4mYrkz6EZhrUri3AHmJ3DBC8MfAc7VtUxxYChfU1x29MEJtNgBE0XRYUPGKvEDzBr3s0"
    "myKXCgFEbfTkmC6Rc4ubeYwqqbFjTKQqqVGipMa2S4SX0/TebkrX23Aqd7pPMVuhDssphT"
    "qs7+3aiaE7O3Wf8wDLl4W07krCIbNOQnNlIZCqlob0iL+C2GKFbX5s9ZlM4cpCN5BQ+OZZ"
    "F8YOtb1KhfnXhqWMwjgHxipmNV1r203vq4pZfW7GUMWs7nAFC2AChy4W75LgCpc3W1lcoX"
    "fCFbQrUFUdUqqQTidTriIYyDHZgwgXtAN2rwUsHaSPOQZcJY/EdhHlMwhNiYPI1GT8ReTl"
    "1avreo1oxPqsOXWoHF0x9Qdjqll84CTafrqzLSq1xag2i29Lm9q1N32wqfc1aEEYkhfqnZ"
    "dylUuvScDukMaa5F+DZalMrlxUVKmgdVdBEzpTkS1+lX5V8OSBstpVHTaPinWrtfSl36lN"
    "vhGHeX9JQmMK387UmcSxt49ey2Jn0UwdemdaBJk2uqMOV1ruHDqBPAvfo7kPXXt1uvz+vW"
    "JewkWaeh7N+r1m+k/J3R2BsDeiQb/Kk1ovdSo2OkU2+ITki/augjJW/LCCpZQq5RzLl1Dn"
    "P2wAVsstDmggo6CMQHlrOu5YKxqJEpV60eaQqhzSMGMoV+WQ2nBj9f1YFB9fJ5txa3w8nK"
    "e7JzEsxfVWlkUJh/rmryXNG4Ohxy28e4qtY+/IRzDoIIT25kZ09jYY+psb9Ce99UxCiKs1"
    "7enMlZxmV2G/q5n3pXEZ2gr+UJbks1qSMOhFKPmgfSMKwG48fRzrpLCuGRF6yaqmgedMm/"
    "JF/4mQh6LmT0J4e1G6u2EIWZRb286M76R4Xti2jMkqGzNayAM7fBPU4EOVhUGnwpqQaxCu"
    "laXAeiqH9kAkszZ924pKNXDz+nSYY/P6dJi6ecGt+Cl39a4bJHHb+52WqB30pdPrDNojUS"
    "xo2QvURm6f/QZVkbExr2fVIHiXmUM0/opM5utPL+mflGxCTnMW67KJov4iUqKwkheVesla"
    "HrGNwuiFZV4ydmw2mWBHshGmf/QhEfW1F//a77AuSxb8edjvpS2yujRL0DB1F/2NLJNtzA"
    "4J0ROC1DFt9hYe+xwMBQCUPRhx3FtRKgM6iA8GmHaFBmMhUI/BgOc1ZjBc6mJLY4QtAmSK"
    "WJRJaZVVGwtCBL7bKA2wvAcFsiqutMFZq3zFL9FXrDL2GjbqeTL2BENSqkruUk7V0KzPAK"
    "sYkDKDqmJAahsDEmJNUlXoIsdkQHzH0OupQYBv9JyMMGQpETMhRLMDZyJmTL5idyAGSRC+"
    "5I/It4ngYAvTRRM8Fyepi8AXv74T/xm7yDAN3kBe2q6KTqWJGFM/fghcVvHsC1mZOxVD82"
    "wxNAV9kc11Qlbv3SoT+qEiPlJKs6nyiyvWAImLRfzVBT7uoL36unN83fw5xGamWzCUIyTU"
    "QJiPcqB8lAryUeJUIS+oKKta4KqApMySgSooKQRURvHLlSBnVcBUIC+BmkJ87MTkQIn4zo"
    "di5S+zOlEF2XIUZIsAyNet9Uch1okahfyjMHY0SPMvpKAkJJsQBxLdQj8c5NhDPxykbqJw"
    "K36MxfK1EmCnR9vExBqhrWw75MY1p0Ug95s3YVJvG+lFjICEGaXUItheEVsgAf6WC25qki"
    "+ubBf7k36/G8H+5DwO7tXFSYfbQq+j63hWXEe56lJhWeU9q7P3TIyWGThvcitKUTGlGuVQ"
    "jYR3oBjxHRJRfsp4AWbl9q0STt8HVBDRqNQaoO7OUlDelR54ztZ0pQcJ/Ls5TVe60kNrnt"
    "yVHl8EKoD0pUcnSBaCClD9ddnTTn79K3GNrn4RaPkroN5Vt/tc1T/aNrbmzPSWrVg8w+Je"
    "KyuYQadYH2tYtM1bjruNhBTEGGD/IVAwG2IMHKJDcWyR6dASh+W5xF6W8xByb/2nedU8ZF"
    "VBqu5eFQfZycCGHUwBnhLbKJH/e9npnYnkX19+FzJ/p8QxqeGV6paTBynWTkzuJWdQ+ljw"
    "QS+BoC/1kvHjwnwDkEy/dII2JKJIWpWButNJj1OHPpqGzDZKd8CFZZrwAWx6mxM6cxGAFw"
    "LNQ7f6Ki8zxg2bIsvJQmCt5aRmKG973VBFW553E1Wpvnsq1XdbK/huJn3mSfVVSZ9Nd1sr"
    "759K+nxu+r+mhb9PqQ0HK2E3JZ0xcr+V7QJYtsztAXDHsIoCLz8hDHRyhm6J+0SIHTo4k/"
    "9oCGreI+YlTH/Zboow+qG6DorRf15G3zVdq1i4cCDQiNjVGFdx8C4PWXHwLp2tgHtKE1aa"
    "sCp607RRl6jH6ph6pR03STsOqay+7peEu0hJlAuvlwaBvdFyKAFcEtshhGS62RAetHwVUH"
    "yJY6HL+7r9K9ZC1Flq968Y1/bZE3HQk+mOxSk/gvIXNoAX0iGvhFJl55lH0+qWSWwRDZas"
    "i6LHjC4VTFQb08OhaZbH6lCiQLbORsje1bAzOEYwS6/t9nB4zpWL3ugYYcZE/rwb/2qex5"
    "36DBEbNV3tt+Zt2sEwuiC5rOASszccDTrtCxFJx1+P4ImIpTvtX1x2O6POcVAdi/Br7d5p"
    "pyuC6nT4uy2LGPWMs1vuN9IRTPlmwkJNcNFuOhBBhdKoUJrdnsEqlGbF5rqRUBriONThoB"
    "qFaO2oVPNmd/UVMBSvnQ79bjKceXhtVaDgpUR6hJmTgpy2RFRx2yqNfouugjjtt6bLIB66"
    "sZsQr3QdSL5blQr+7F6ZTboczsx7wtwuvd+TOB2WN1tZbgdDNNMsep87VskTOUYUCqYTR3"
    "CkLfTAx1AQ/146Hdq3CZ+OyH0ydfL6xyATE735CTHIOf4bsQdzOiWGLIyp4idc29f2CJwW"
    "FtUfRJozYV7+M31CT2Nii1+8h8KfbTFkzAjaF44OC5uT161FzJTf6k96e227M8dmUBeezx"
    "yKMLKpa96ZuvgCf+S/Q/cWuXMXr2Yy5JA3fOrPiBGkWbMnQqar3STwx4vvL5zumfSYLOlF"
    "FaZVG19JMHZl+OLFuNeYqucq73n3t2NkYNOaX9u/djq/wK9QVsCal2F9Ky6aXJPU6prufj"
    "lzg2uQW73bAO6g36iy8gvDDvhOYVvmP/9yfnkJXiF/e67BAsF3+xKMyFJKcSF15kLCallB"
    "o10iqsq1KSZZMckqQrppo64ipJ+b9lRc3A5zcb2QprAnoeMi91tZjFxY5ygQDWzab3ifMQ"
    "7q5ubeobOp9kDmNzdogh8IQ5jDat7fEweZBplMKQQDov2AaiOP/NfX8pjg6h+RSXkt+s04"
    "MTEcEdxCy+uwBive67nTEwGqBM757N1Atta812W33dNOBx2+NXN7VtTg9Sfktd3utbu/Dc"
    "+Hml96MKi9qfk1CPvfOoPRoH3e45aydtYZdU5FJ/SROGJg+HDxF3GJLnrzODVteHVx0R4s"
    "uDWNzSYT7PDeBAO3vC2YuOXdy/ZvF9wC14J4zCmeTyCe0YvL5Cb51cnwdHB+OTrv87/na7"
    "v3Rdjns9vFX6vpY2zflzPWq49eUXmvIXgP3uXJe+WtUgEW96II31JDcoxfelB50L4R+G47"
    "ohwW0CTY6ZGGQXtVAjB7KErEHwq9ITEUmeflBCLqqJwCR+UAaCVLDSnOtXZEQZIfWuruBX"
    "bpiFAjdhJVoUIxcZvhXxUTp5i4zUK6nVoFXMzkJq+5brWCML925vU5bxD2Gy1dIMVuBYcZ"
    "xjgfl6lFhzofqxnuAIn/EQRUhE2s41jEXyz4z+M2+A98jIjjiB9TQw43+ygpy2nHCGH/UZ"
    "kxfUwfE2PGn6XdUUfRm89MbwYjJtVwVzOcIfE667p7nYv2efcYkQmf5df25dXwK/8cZmxc"
    "hgqsOG7nhYdUeVeYLMgqmnl/bZ91PncGA7gSrFHVBGJVn9WsinnvVVvMO7ppJFDNthETwo"
    "p2qTPtAh9/CSYgJKbGt87jG5TIKFi+JCbWvAT5jfjALMxcTZQWKOIJi0o1Aeptu8MUo5k+"
    "6xvMaKqI0oaNep6I0trE5tdtzDfCa8c5pzX57XhM425CvJLnlky08ny3a+oPRGbdFiG7L2"
    "dsPBIdNQj2rVHclw5QIASm9gqSO9SylZvmni6EcmfUgyflFQvYZtYKssxhv2Ii9fyvmUlc"
    "NKYzh6F9i+rY8m+aInnddNB/qE0kcbtVd776pJBUVro+PsvV/HQtV/ZWBhkt6NkktOlBZA"
    "sBFUWWbcGUOUjWp8fzjkXQXg1F5UPh1zcJNP+8jElMbIsOgnc/HL97tyn0o6zJxxycycdU"
    "xuRjnC/xY9INXCjoKyq1RaAnnoa1eZg/5Al/T49+j8Msduu0YhbpOMfEmkBMbXQ2e3hJy1"
    "2sAlle7UJBnAxdNLk5hC3NmMFLaB56Qg+V2EdZMdgrelKh2QVCs/2tD+piaeBRlazmmWMh"
    "lVcjUGAEbPLd1bwULh/M4qRoWh9b8e/VxJyqORma5MDFoAUK0VojL+tEDX2Nh165P9J1kG"
    "a5PxL8fJGCBati1Ps2GVH+nw1HqNeBQKs4Pr0yennElR4LuyvJ5UW7Vm5q2fVF8hLLNsLG"
    "xLRFUrljGgQOhsbozrSgloMX0bns83/QvsMtFwLxy/zuz6b9Jz54xRDDtnFLv8u45er7X4"
    "NeVkHP2+CZxb8JnNMt4qB9NcTOs647mz5xhs1u/yR6obPcQiJ1jiGvbajR2J1YWtFaBxEh"
    "BXsJ2F0wUYrCHhFSsJeAXdkY6Wu7sjE2EHURilORKMPRKJZ0FRi8o1oobiaX4tv5PqUiTQ"
    "l5kuhpTBlBDtEJb+edYSyOAxhjhub8vkuRPib6g1TNXa83pdTWXKl16QORBMRl1JMKBBqx"
    "D20hlt77bAqmLUSElAGx0oDYrcD5rSK/m9t7nrh5P6t+XjCyLiamIqezI6eNULmDCqOmG1"
    "ipohVjYWMTrU41e4UCKnbyNO002OZXKafQrpRuCoLAmkKxCf4PKJJ+vK5BHk2dsFXqaL4O"
    "lAZag+WlzhpojfSijeif4IK4o85EDvHqWhFh+Trr/Hvn/eExMimDAsRng/75GVQeNhxq1u"
    "Gcnd1SUBUBVY2GWp+8j3qoTNVqpqpWXfWxAFvTQNvEMfWxTP3072TqnnjZZpXamQ5oxaph"
    "an0e6dcsqczjj159lRWvMs/B+8MfDo8+fDpclOdZXMmq0RMEe6ZrgnCGszQ9N10XDInUWT"
    "cpqw9+zBN2zlul64MfE6Hn8FEVQNhv3kB03+fStt9naNvvk9o2fyIc+ZJEOD0FLiSy/Sy4"
    "59nzK8t3e1Zv3z//DzpUFUc="
)

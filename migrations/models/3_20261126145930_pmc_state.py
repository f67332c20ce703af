from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "daily_loads" ADD "ctl" DOUBLE PRECISION;
        ALTER TABLE "daily_loads" ADD "atl" DOUBLE PRECISION;
        ALTER TABLE "daily_loads" ADD "acute" DOUBLE PRECISION;
        ALTER TABLE "daily_loads" ADD "chronic" DOUBLE PRECISION;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "daily_loads" DROP COLUMN "ctl";
        ALTER TABLE "daily_loads" DROP COLUMN "atl";
        ALTER TABLE "daily_loads" DROP COLUMN "acute";
        ALTER TABLE "daily_loads" DROP COLUMN "chronic";"""


MODELS_STATE = (
    "eJztXWtv27Ya/iuEvywFvKBxLg26gwFJmp7mLE2GxOmGDoPASLRFRBY1knbrbf3vh9TF1o"
    "VSRFt2ZJUfWjsUX0p+Xop87/ynNyEO8tj+A0O09xb80/PhBIkvmfY+6MEgWLbKBg4fvbDj"
    "VPQIW+Aj4xTaXDSOoMeQaHIQsykOOCa+7HrmA2jbZOrzt8CmyEE+x6JnHwSUjLCHAPQdIB"
    "u5hybik4E9jhHtA+hMsP9qX97FIba4DfbHTQ049fFfU2RxMkbcDUH440/RjH0HfUUs+TN4"
    "skYYeU4GI+zIAcJ2i8+DsO3h4erd+7CnfNhHyybedOIvewdz7hJ/0X06xc6+pJHXxshHFH"
    "LkpCD0p54XQ500RU8sGjidosWjOssGB43g1JOM6P1nNPVtiT8I7yT/O/o5frRUN8u6uR1a"
    "95dDy+oV+CYfIYd83GQTX/IcC2QlMN+icZeAhK09eYOLD2d3e4cnr0IICONjGl4M4ep9Cw"
    "khhxFpCPoSZTSB2CsCfeFCqgZ6QZDDWjzqZlBOANoApL0J/Gp5yB9zV/x5OHhdgfGns7sI"
    "5sHrEGci3sboHb2JLw2iaxLvJb4BZOwLoY7lQubq4FwgbAbvpGEJ+HI52Trig+PjGoiLXq"
    "WIh9eyiIefGkAn/TuI70GtGX1QMaMPijOa4wn6m/haGKdptodz72F4sanVOAv0yVENnE+O"
    "SmGWl7IoP2LKXUss2wqc34lWNc5ZqhzSslkyYj+5/gzm8UrclqldgfC7s+FlDj+GvupM0L"
    "j7SnOzZTjlloCTOivASfkCcJKfmV8QHrvcehoX8X3vEcjVAGeocjCPJNnuAV01IW8fzq8v"
    "wa93lxdX91e3N/Iukzn7y1telE2iAfMQgrvLs+sczpKNLi2CfOWXQLwkyOErHnj30BWPKz"
    "5+HBwcvTk6PTw5OhVdwudctLypYMDVzTAHpxCJubifHqRZIgNrEVaPawGadDdQFqEUv4sz"
    "nU1rQbBFkWqCBCj2dqSq5vcuaZ/Qk1uRarpuEuARRWhX4cXMCm0/RYjPCfEQ9EtsNymyHN"
    "KPgm5TUC9atisbnN/eXofyAIvlgfOrYQ7ih4/nlwL6V1kZobhihLYYa4YoFjdSmMsqUS8S"
    "G+w1sBfAOog+EkgdiwTc0p716gEMDzR4YFMkMbEi7aGoJEttVw1+lrJKUZZfdtEQJH6gc+"
    "t781huqmDI8Orj5f3w7OOvGa5InVpeGWR1l7h1L78tLAYBv10NPwD5J/h8e3OZN0kv+g0/"
    "9+QzwSknlk++iB0gZf1NWhPUsnJS4KzI9Syl4XpbuJ5glGJ7+PTSNzR6SvktZMMjtJ++yE"
    "UzcyWt6AkRirkWJ0/IV8jT5zH9+1/ukAdDhIuTIXbQ3UVjDeVQOzgdviUvQNK6nBYpew6h"
    "T2Sq0jx0kPotGqWrILkICtXVirSfNaH6EI71caFIdREvB82wjdYE6l04SGchEuL33PIIdN"
    "aFSQ50LcbpKlLhFWmGQzMZZrAeWsN4sEs5VlcRk742qdoxMfiaeH0WQ32KRuoSWlKSIANS"
    "JltkL6W0PvGaWYwr3XIJqrc+GhLx3/PYypf2nu+yN04N7GQwyQE7gT4ch08ph5PEKglLES"
    "KVl8DKQ6WKct/zMVOCSyCmAyHdTwCKvhOxoALMgJj6wCNj7P/AgO2KXwnICFDCQ7ayYsTU"
    "+sOZeKltmCDWiJeKuGnpgZ0hahLz4iKwzfCpdRBO7e7yRdEOj8pSdS4WrfmAEmMrK4d+N6"
    "0mdWxl6GuAxWgrcD1L2UGu7wiXFbYxhUmUrWYPZU2+1u2UUDvBX4pmYr9bhcVZSsPlNnNZ"
    "JntoSpYpks3KlW1h6jOCZcFjkEW3CO17QhEe+7+geQjwlXgO6Nuq8Nlczs5uQlrQ10UzhV"
    "8W6mR6QonfLn4xipyvF2f3F2fvLnvfyl0wWiYVTTNB4l5QWAhSnody40DayVHPLMAQkzYv"
    "qaIn9se+1N7F44HHOXCh7/QBngSEijkARpRMpK4v06IIBWwu5pCjNhA0NbDCVPDHYpIzSR"
    "5+4ZDGwrsAONWBTGk0zdFXjqgPPcn1P3PGhlT/5Tj90HrwpzFEvKghYsHh2iHuCUEXE10a"
    "D2XLzncdiStLaRSnVotczpSG1ldL4SWpyGbIkq2YzrBDfG0kn4HMpA9PTnpNtAuUJn+kBt"
    "4OjkRZa6I3tTNkBukaSAsheRYtB2NxS028VcQG9Rqow5k6macC6yWJQXiNDLSqpbosB80g"
    "XDaHAygWW2YFQu9+0ls6lNQG9xq429AjFKvi0yrgThMZlGugTANFlMz9BHpeecJloDK97X"
    "J64OHgzckiM1D+UZUUeP/x7Pq6mOcQltjR0fUXBN1LaB+8rlPTQvQqrxnyulDTwidctRgM"
    "0deSebog6ALAVQr95e/DjC6fwLj38ez3V5lF4fr25r9J9xTsF9e353nbysL2WNt2taDYZq"
    "or9KfQ25RVcNMGrLRZVwPpHFkXpne+Js5prZo4pxU1cU4L1sLAU+Zu/+/+9qbMGuupk7cd"
    "bHPwL/CEGr6xmb00fz9Oscexz/bl/V7CAi4Rql5g8mtJP2sFlAPkFxiXWmEENEPiQVTh9e"
    "V8UZCuxaCWvQvb5oQXpyXUFrITAiNg1xCwo2h07d00R9bBNb7x3dRET5ZD393oSZNp3DWu"
    "K5yCJbmLmoFYGaI1ohlatq42E+JvAttMYFvrA9uKS0ADoNZOYW7ne/8sqpllL4OreAJw83"
    "B93VjEYDo2R2w+CleJfgJmHDt4vxiwG1zSTcLMwlAeY7nE6dlISytiUs2Ay6GLwIc7wOAk"
    "8BCToZEQxAP1wRMKOIABpBwwArgLeah8MyBevrn4OnZ5MdKykRHXyMZMYNDb9bJU2w2KbO"
    "W21wflEZAutWL2ahp4UlTG+NaIyUejUE9xzS+8NEV2Jit6zV13jWI0bXhPnt11s8tEjTj9"
    "tWLvM/VqFJtDvp5N+d5QrKJTLxbfgfMfGIiL8YplvS/+feoD5iEU9EFUWjo8jURuOqwkMX"
    "+VQSpj7MMy6vmIeRMV/6J7gm7B/IZK5bdUKVLanYu18qtKYz8TrtHV+thNRG24dGZN9EKM"
    "liTG/1HD/xGu3ZZLplQP5hydwbo21swmVDuoK0dqlokMsOY8jS1N4FCs0567CyozbU0Ql3"
    "E7t2cq76YD0ridv0eu13E7GyepcZK+tGGxpdU/Yi+qwva49K+WWx1TtahrnKIsTzeeYQfR"
    "5PBj4GH/KarNAYEE6Kf0acgAUgQYF/NInoVs03nAVYU/mhu20iSZ3MSYJdtlllzwRUNcTt"
    "N0sGTH4aCGsHw4qDhrOS8sO5gFHpxbugcA5+m6Fw+7kZypOPRDG+0smQG7FtipraEIdnma"
    "Wo6sE8vItrPV4AziCIsC8JXne2XotnisV7KB7uypXh5k3JKFzlZQgPO0puBlezTeoqFjyS"
    "15pMJU6/BTFe0W7Yo+msVRADtoVgyxQ5QSLYE0S9W9jfu41sZ9XLFxHxc37qhgoyUUPuzp"
    "LmZ5WrOYtXkxM7b68vdsN622xlb/PXLd2OqNrb4FkG7SVv9yh3+2U/6oPkxPimGNnGR5Lw"
    "bq0ITUO0NvJZdPiFip2yfB8znXj7XgYM3S76J7lDEU0b8FAfIdGTX+48+ATn0//kqewL9i"
    "HOyVlnpfcSBzClwLNqh+hT9H31yxeSNFEeh4su2qlULcfTzW85mlSEyMWU2YKRI/la2mw+"
    "RpjRbTFi2mju7aojMO2ikXtp3JtexSI+xj5q7E5hyp4XOb+SzEWjzDHCNmJacHFfldGude"
    "Qr1S0PtKS/jrTa3fUcj74ODozdHp4cnRIu590VIV/F70TsbJq6tgrCI1AOcBhpyjSaAySV"
    "RnaqTpOoNqE5ka2o4+4+PT8/G9aMGwtsnLG7EIb78eU0thXaMg00vHcEPsza9ldVeVPW9x"
    "sV9pzpPdLFm+VMOaB7krIfjRgXOw5xEbekAKrK8Efi4CbDqRFjrMWVIeiP0A5B3iKkHTAH"
    "ASEgDigy8Uc6S29W3mNqYAxY5ZBk0BihUKUGy7SvRqkt7+pmS9DSc+l/v4qgXqNJ0RqNPy"
    "3q4dGrmzU/clzzD8vpC2uSI8seowLK4KSTSVJ5SnvGliCw229bG1pyqBqwrdhMLgW2ddcC"
    "nxo7p+9deGJY3BuAbGJoa0XGrbTe+riSF9aYuhiSHd4XoP0hJ4z2H4LAVb4fJiv8pWGB1y"
    "JPtp1CCXKU7AJpNAiAgOoJg9heF7fmLd60srHUU2oY5sRTPkc0DEDAIBogAFmIkHURcjb2"
    "7oNaID27PmtKHOcsOmP8lTyxOMU0j75c62LNUWo9Y8sS1tatfe9NmW0dtgJWFIUeh1XZOr"
    "mnpNA+wOSaxF+2uyLK2Su5YlNSJo20XQgsyks8U/J19p1ulfVbpqw+bRsGy1lrw0lM8hnv"
    "lSCg0qmSnboVJu4nFXK5RAaspO92QiZBGZzeATjkfYDg3dDPAp9YGAiADoIcoZ2CMz8Znc"
    "whGQ2ILtfbC/v/+qvxR3ntC8KEVt6iaVPtYnMcnCTzQ3rtZ2yVsJa+pKWkn/TlTByYpYR3"
    "Wimo7Kg5qOCjFNcr7rYBt17yC0p3WgPS2H9rQYLiYmdBHb8hOLkv7tOKtI3nanzyoyNRu6"
    "LPbWqtnQGitIe7VEY3ltk3awNcvrZ+KjT4iy6FcX9Ij05Uot4m/R0ZpFPfXOgAwoGWEPCY"
    "EejAgVovqIkonMoI5jI/fk0FF93Hj8qIhuGGxZeg7k+qNWagloNEIygQZZclyjKLRLUchx"
    "R7nTl5gKC5TfdZymFIz1DwlbUpkjVHKZ1+bctQ3A6nF9QBMaA2UGykdMuWvpxrRnqb5rx4"
    "rRL41+afRLo18a/TJC/QxRbLs9hWoZX+lXaZVw2ec5dbIc0IaLa5WKFMq3WSFQxNxrrb+z"
    "mfz+cu1strQn1PU2pEg66HEYHB/XcDmIXuUHSMhruTh58VJpIBx37yC6B7UqABxUVAA4UB"
    "zPQXwee9brenVSJNt37LzMnt+YC2etGJZ1N7Nv/weORwsy"
)

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "plans" (
    "id" UUID NOT NULL PRIMARY KEY,
    "goal" VARCHAR(16) NOT NULL,
    "race_date" DATE,
    "days_per_week" SMALLINT NOT NULL,
    "long_run_day" SMALLINT,
    "target_time_s" INT,
    "inputs_key" VARCHAR(64) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "failure_reason" TEXT,
    "start_date" DATE,
    "end_date" DATE,
    "summary" TEXT,
    "facts" JSONB NOT NULL,
    "weeks" JSONB NOT NULL,
    "total_sessions" SMALLINT NOT NULL,
    "completed_sessions" SMALLINT NOT NULL,
    "attempts" SMALLINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "ready_at" TIMESTAMPTZ,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_plans_user_id_024038" ON "plans" ("user_id", "created_at");
COMMENT ON TABLE "plans" IS 'A plan for a goal: built by the ``training.generate_plan`` job from its inputs.';
        CREATE TABLE IF NOT EXISTS "plan_sessions" (
    "id" UUID NOT NULL PRIMARY KEY,
    "key" VARCHAR(16) NOT NULL,
    "week" SMALLINT NOT NULL,
    "date" DATE NOT NULL,
    "type" VARCHAR(16) NOT NULL,
    "intensity" VARCHAR(8) NOT NULL,
    "target_distance_m" INT,
    "target_duration_s" INT,
    "target_pace_min_s_per_km" DOUBLE PRECISION,
    "target_pace_max_s_per_km" DOUBLE PRECISION,
    "target_hr_zone" VARCHAR(32),
    "description" TEXT NOT NULL,
    "tip" TEXT,
    "completed" BOOL NOT NULL,
    "completed_at" TIMESTAMPTZ,
    "compliance" DOUBLE PRECISION,
    "plan_id" UUID NOT NULL REFERENCES "plans" ("id") ON DELETE CASCADE,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "workout_id" UUID REFERENCES "workouts" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_plan_sessio_plan_id_8f82f9" UNIQUE ("plan_id", "key")
);
CREATE INDEX IF NOT EXISTS "idx_plan_sessio_user_id_b6840e" ON "plan_sessions" ("user_id", "date");
COMMENT ON TABLE "plan_sessions" IS 'One planned session; completing it may link the workout that did it.';
        CREATE TABLE IF NOT EXISTS "coach_analyses" (
    "id" UUID NOT NULL PRIMARY KEY,
    "status" VARCHAR(16) NOT NULL,
    "period_start" DATE,
    "period_end" DATE,
    "content" TEXT,
    "facts" JSONB NOT NULL,
    "provider" VARCHAR(16),
    "model" VARCHAR(64),
    "usage" JSONB,
    "failure_reason" TEXT,
    "attempts" SMALLINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "ready_at" TIMESTAMPTZ,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_coach_analy_user_id_469cd2" ON "coach_analyses" ("user_id", "created_at");
COMMENT ON TABLE "coach_analyses" IS 'A coaching analysis of the recent weeks, written by the ``coach.analyse`` job.';
        CREATE TABLE IF NOT EXISTS "conversations" (
    "id" UUID NOT NULL PRIMARY KEY,
    "title" VARCHAR(120) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_conversatio_user_id_1f0c4c" ON "conversations" ("user_id", "updated_at");
COMMENT ON TABLE "conversations" IS 'A thread of messages between an athlete and the coach.';
        CREATE TABLE IF NOT EXISTS "messages" (
    "id" UUID NOT NULL PRIMARY KEY,
    "role" VARCHAR(16) NOT NULL,
    "content" TEXT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "client_id" VARCHAR(64),
    "provider" VARCHAR(16),
    "model" VARCHAR(64),
    "usage" JSONB,
    "error_code" VARCHAR(32),
    "created_at" TIMESTAMPTZ NOT NULL,
    "completed_at" TIMESTAMPTZ,
    "conversation_id" UUID NOT NULL REFERENCES "conversations" ("id") ON DELETE CASCADE,
    "user_id" UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_messages_user_id_8d7f49" UNIQUE ("user_id", "client_id")
);
CREATE INDEX IF NOT EXISTS "idx_messages_convers_a2523a" ON "messages" ("conversation_id", "created_at");
COMMENT ON TABLE "messages" IS 'One message: the athlete''s, or the coach''s answer with its usage and status.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "conversations";
        DROP TABLE IF EXISTS "messages";
        DROP TABLE IF EXISTS "plans";
        DROP TABLE IF EXISTS "coach_analyses";
        DROP TABLE IF EXISTS "plan_sessions";"""


MODELS_STATE = (
    "eJztXf1v2zYa/leI/NIW8ILWSdOgOwxI0uyWWz6GxtmGHQaNkeiYF1nUKDqpt/V/P5KSbH"
    "1QsmhLtqQQuFtSiS+lPKTI9+N5X/69NyUOcoP9uwDRvY/g7z0PThH/JXV9APag7y+vigsM"
    "3ruy4Yy3kFfgfcAotBm/OIZugPglBwU2xT7DxBNNTzwAbZvMPPYR2BQ5yGOYtxwAn5Ixdh"
    "GAngPEReaiKf8ZgNcMIzoA0Jli782+eIpDbP4Y7D3U1eHMw3/OkMXIA2ITCcJ/f+eXseeg"
    "LyiI/+k/WmOMXCeFEXZEB/K6xea+vHZ3d/Hpe9lSvOy9ZRN3NvWWrf05mxBv0Xw2w86+kB"
    "H3HpCHKGTISUDozVw3gjq+FL4xv8DoDC1e1VlecNAYzlwxEHv/Gs88W+AP5JPEfw6/i14t"
    "0cyyrm9G1u35yLL2cuMmXiGDfHTJJp4Yc8yRFcB8DftdAiKv7okHnP1w8vn1wdEbCQEJ2A"
    "OVNyVce1+lIGQwFJWgL1FGU4jdPNBnE0jVQC8EMljzV20G5RigBiDdm8Ivlou8Bzbh/zwY"
    "vi3B+OeTzyHMw7cSZ8K/xvAbvY5uDcN7Au8lvj4MgmdCHWsCg4kOzjnBevCOLywBXy4nW0"
    "d8+P59BcR5q0LE5b004vKnBtBx+x7i+67SjH5XMqPf5Wc0w1P0F/G0ME7KbA/nvbvRWVOr"
    "cRroo8MKOB8dFsIsbqVRvseUTSy+bCtw/sSvqnFOS2WQFpfFQOzH91dgHq3EbZnaJQh/Oh"
    "mdZ/AL0BedCRo1X2tutgynzBJwVGUFOCpeAI6yM/MZ4YcJsx4f8vh+7xLI1ACnpDIwj4VY"
    "94Aum5A3d6eX5+Cnz+dnF7cXN9fiKdN58Ke7vCku8QuYSQg+n59cZnAWwziheZAvvAKIlw"
    "IZfPkLdw9d/rr8xzfDd4cfDo8Pjg6PeRP5nosrH0oG4OJ6lIGTq8SMP08P0rSQgTUPq8u0"
    "AI2bGyjzUPK/iwU6m9ZCYIsq1RRxUOztaFX1713CP6GntyLVdG0S4DFFqKvw4sCSvp88xK"
    "eEuAh6Bb6bhFgG6Xsu1xTUiyvb1Q1Ob24upT4QRPrA6cUoA/Hd1ek5h/5NWkfIrxjSF2M9"
    "IYr5gxTuslLU88IGew3sObAOovcEUsciPrO0Z726AzMGGmNgUyQwsULrIW8kC2tXDX5ass"
    "xQFr900RHE/0DnxnPnkd5UMiCji6vz29HJ1U+pURE2tbgzTNsu0dXX2W1h0Qn45WL0AxD/"
    "BL/dXJ9nXdKLdqPf9sQ7wRkjlkee+Q6Q8P7GV2PU0nqS76w56mlJM+ptGfUYo8Swy7cXsa"
    "HxYyJuIS7cQ/vxWSyaqTtJQ4+rUMHEYuQReQp9+jSS//7Hz8iFEuH8ZIgCdJ/Dvkaiqw5O"
    "h6/xBxBfXU6LhD+H0EcyU1keOkj9EvbSV5AmCHLT1Qqtnw2h+kH2dbUwpPqIl4OesI02BO"
    "qT7KS3EHH1e265BDqbwiQ6uuT99BUpeUe44dCToBlshtYo6uxc9NVXxESsTZh2Ae98Q7x+"
    "4139HPbUV7R8F26K0k+8iz7DYwUoqGEyCZhuw576ihb0oDsPNt36TmQvOOgrSvyuWJ4kCh"
    "tCdZboqq9wTfk3Ax82nVRXYS99AkkYhGRIikzE9K2E845rS1bAlOyKGNEbD40I/89qXIXu"
    "dRt31q0YVimw0+E0A+yUr24P8i1Fd0JYZSgrmK5ZQ7qY8Zo331dTX/kogUgOSLlvAeRtp1"
    "wvBjgAXIMBLnnA3qsA2BP+VwIyBpSwcPXJE183787QXrfhSd6A9hqOpqUHdkqoTszzi8A2"
    "WbCbIJww0sSHos1yTUv1jlJcPy/QhDyKoe+m87tKyAN98THvbY1RT0v2cNQ7MsqKEIcish"
    "WsF9YK6vys26mh9mJ8KXri+906Q5yWNKPc5lEWOXuammVCpFm9si2DukKxzAV+0+jmof2e"
    "UIQfvB/RXAJ8wd8DerYqCyKTetlNSHP2Or9M4fPCnExOKP63878YhRyas5Pbs5NP53tfiy"
    "PpWi4VTTdBHCVWeAgSAeRi50AyVl3NLRD5rYWJHoeRBsJ6568H7udgAj1nAPDUJ5TPATCm"
    "ZCpsfZHdSigI5nwOOWoHQV0dK1wF/11M8kCIy18YpJHyzgFONCAzGk5z9IUh6kFXjPrvGW"
    "dDov2yn4H0HvxuHBE7dUQsRrhyplIs0Md8xdoZyen5rqNxpSWN4dRqlcuZUel9tRQRkpKk"
    "tLTYmllpHRrXWtLSyJOgYohJr4l2TtKkAVbA28GhKmtN9aZ2SswgXQFpriQ/hcvBA3+kJt"
    "4qYYN6BdThkzonswTrpYhBeINE4rKluiiV2CBcNId9yBfbwPK53f2ot3QopQ3uFXC3oUso"
    "VtFiSuBOChmUK6BMfQVL5nYKXbc4b95Xud66nOV9MPxwtEjwFv8oy+2+vTq5vMynq8lKaT"
    "q2/kKgf3VJhm+rlCbirYpLP73NlSbyCFMtBiP0pWCeLgT6AHCZQX/+6yhly8cwvr46+fVN"
    "alG4vLn+d9w8AfvZ5c1p1rey8D1W9l0tJLZZsQB6M+g25RVs2oGVdOtqIJ0R68P0zpY2O6"
    "5U2uy4pLTZcc5b6LvKEhz/ub25LvLGuuoaHA62GfgHuNwMb2xmL93f9zPsMuwF++J5u/CA"
    "C4TKF5jsWjJIewFFB9kFZkItmcgSIP4iqiyp4nFRiG40QC37FrY9Em6UXVZZyY4FjIJdQc"
    "EO2ejau2lGrIdrfO27qWFPFkPfX/akKRjRt1FXBAULUtA1iVgpoQ3YDC1bV+uh+BtimyG2"
    "tZ7Yll8CagC1ciWKdn73K1FNLXspXPkbgOu7y8syxmALUsU7gvu6+aq8FwQVUSX9XNWIZn"
    "m76LBHwOoTUSMYiumoS5xWklKtcJAqclNHEwR++AwCOPVdFAgWKQRRRwPwiHwGoA8pAwEB"
    "bAKZ9FMEgK9Tc/7rw4TlSam19LhB4moMg56CkJbaLn+0lRrCABSTRSfUioZX0xeWkDJ+yl"
    "q8YzlFTodQn/to8sMZr+gVFZQNyq+14TtZqaCkl4kKKQ0bpSmkKrQpNodsBbfivSFfN65a"
    "2oID568CEJWf58v6gP//5wEIXIT8AQgPU5Dnb4lNJyioYbBOJ6XpCPLgkGxygUkg2OmeoH"
    "tETE2Hw7TUflS66POnw5QdBrGC2dLXEyHqILhM6JM11WNjLUVMqKhCqEiu3daEzKgezBk5"
    "g3VlrAObUG3+W0bULBMpYM0JUluawFKt0567CykzbQ3fzUTo2zOVuxmrNRH6lzjqVSL0Jp"
    "5s4sm7diy2tFBKFHBW+B6Xoehir2Pi9IXV7sYT4FPyhB1EAbRtMvNEaMh7DMuYQCAA+hbw"
    "zdVBHsO8CwApAgHj88gByLPp3GeqGin1dVvqkowfYtyS7XJLLsZFQ11OyvSwusnBsIKyfD"
    "AsVJbFrVxtAN+Fc0v3yPusXP+ow42kl0UsGW2002IG7EpgJ7aGPNjFGX0ZsV4sI9tO7INP"
    "EIdY5IAvPdEyJbfFgyzjDbSz51i6MGCWqAm3hgGclTW1Qdtj8eYdHcvREqdPzLSO+1bJbt"
    "Gv6KGniAXQQbeixA5RSrQU0rRU/zbu95U27vclG/f7/MYd1ra0uMGHXd3FLCtrFrM2L2bG"
    "V1/8nXXTa2t89S9x1I2v3vjqWwBpk7763R133U79o/y4QaGG1XJ28y3vqEcTUi99a62Qj0"
    "SsMOwT47kq9GMtRrBilXzePMwYCuU/Ah95jmCNf/MdoDPPi34lj+Af3g92C6vir9mROTCv"
    "BRvUoCSeo++uaN5JkQc6mmxd9VLwpz886MXMEiKGY1YRZor4nxqsZ8NkZY0V0xYrport2q"
    "LjINqpF7Z9kCv5pcbYw8FkrWHOiJpxbvM4c7UWP2GGUWDFBy3lx7uQ514gvRbpfa0l/G1T"
    "63dIeR++O/xweHxwdLjgvS+ulJHf89HJKHl1HYxVogbgLMCQMTT1VS6J8kyNpFxvUK0jU0"
    "M70GdifHoxvp3WVmubvtyIR3j7pataCusGtat2zeGG2J1fikK4Kn/e4uag1J0nmlmi0quG"
    "Nw+yiYDgGwfOwWuX2NAFQmF9w/GbIBDMpsJDh1kQlwcKXgHxhKhK0MwHjEgBQDzwTDFDal"
    "9fM48xBSg65hk0BSjWKECx7YLa62l6+03peg0nPhfH+MoV6qScUaiT+l7Xztfs7NTd5XGP"
    "LwtpmynoiWXnhjEVJdFUnlAeiKeJLTTYVsfWnqkUrjJ0YwmDb5V1YUKJF9b1q742LGUMxh"
    "UwNhzSYq2tm9FXwyHdtcfQcEg7XO9BeAJvGZTvkvMVLm8OynyF4XlQop1GDXKR4gRsMvW5"
    "iuAAioNHSd/zYu/eQHjpKLIJdcRV9IQ8BgifQcBHFCAfB/xF1MXI6+t6A3Zge9acNtRZrt"
    "n1J8bUcvnAKbT94mBbWmqLrDWXb0tN7dpNHwMafg1WTEMKqddVXa5q6Q0dsB3SWPP+13hZ"
    "Wid3LS1qVNC2q6A5nUlni1+lX2nW6V9Xu2rD5lGzbrWRvjQS78Hf+VwoDSqdKd2gVG9iUV"
    "NLaiAVdadbMuW6iMhm8AjDY2xLR3cA2Ix6gENEAHQRZQF4TZ74z/gRDofE5sM+APv7+28G"
    "S3XnEc3zWlRTDymNsT7ySSZ/orkJtbZL34qHpqqmFbfvRRWctIp1WIXVdFhMajrMcZrEfN"
    "fBNmzeQ2iPq0B7XAztcZ4uxid0HtviE4vi9u04q0g8ttNnFZmaDX1WeyvVbGiNF6S9VqLx"
    "vLbJOtia5/U34qGfEQ3CvzpnRyRvl1oRf/GG1lPYUu8MSJ+SMXYRV+jBmFCuqo8pmYoM6o"
    "gb+Vp0HdbHjfoPi+hKsmXhOZCb91pqJaDxGIkEGmSJfo2h0C5DITM6yp2+wFWYk3zRPE2h"
    "GOsfEraUMkeoZDKvzblrDcDqMn1AYxkDZQrKe0zZxNLltKelXnRgxdiXxr409qWxL419Ga"
    "L+kwuVhqW8PiizKH3eovoZLryxMPS4hfdAoPsxdF8Kg04k4/3xRxwc2o9H3xISf/wB/kfu"
    "Q9NQZOphz58xxWnSDfS/mtOzNDYTW8PvxrLcqWUpBl8nTBK372GcpIHCVNBG2rpnSuglq5"
    "4OnAeWzzeBZ4Qedc2hnPD28v+6YRi5hFvfdMZ3VqiIk66wNTOyxuZMQcsg5ZugJT5UVYJl"
    "Iaw5uR7hWltxnVDlsDSj+2mpHm5eR4cVNq+jw8LNS9zKnjbdvgqhigB/1GmHq4SKsrkzii"
    "yuFAcqHnDx4Vh5yT7UOyrzozRxPJZkUWuraWmpl6ynIc/RRi8p85KxC2bTKaSKraz4o0+I"
    "mK9d/2sfQ1tVSKSYvLYQMOy18sFYg70mjDOtwVgItGMwxPN6MxiMMOhaAQoWlBcdmzAvbS"
    "ruZBKUhAfbWRtgdQ8GZFN4tcFZa6K/LzH6a6p59GzUY4zKqnmIv2y+1gkaSzlTX789A2xY"
    "HesMqmF1tJbVkfCaFKrQOkfaCcbGbdhTjwBv9Ey7JGQFHJgEouVUmJQZU60QthATaQ2R5L"
    "cgsolERjVmYArnwMXeo6SwRLVf+e+QAQc7vIG67HUdnSpTK/yIEaRKvFaVwDYsmN0lYptc"
    "4aaiW+uQNwxno6Bss2aUxZRmF45J8VdrfNxxe/N1V/i6+XOQF2CmScZICPUQ5uMq9RaKyy"
    "3kThENaUFllcRXUYpKy4kbWlECqJLC+CtBLquOb0BeAuULhusUc6AkQ/NRrzR+WSemWHOF"
    "Ys0pAPm6tfkoZDoxo1B9FCbUEon7WgpKTrIPPJD0FnowrLCHHgwLN1FxK3vE3fK1cmAXs2"
    "0yYr3QVrZNuWHY14E8at6HSb1tpBccAYVnlBAXQW8Ft0AB/D0XbGqSL65sF/vTm5vLFPan"
    "F1lw765Oz7kt9Ca9jpfxOtarPJuUNdGzNkfP5GjhOHhTWVFKixnVqIJqJKMDeo7vhIiJU2"
    "YPZzFh3zrhjGJAmoimpTYAtTtLwfqh9DhytmEoPU7J7+Y0XRlKT6x56lB6dhGoAdKXzk5Q"
    "LAQ1oPrLsqdOfv0rcU2vfilo+SuA67vLy13V8zjxoDsPcLhsZfgMi3uDMjKDTaA9saBsW/"
    "WonhMgpQTHAEYPEYfpCI4BRbY4OEdmOgzkQdoMecvCHFJuP3paWI9DVd+j7u5NeY9OEhs6"
    "ksTrI8/pcAavjygmTngcj9oJUGC1ZOReciZkhAVSnYiwEkGkPBfhReHHhVl0NEpVR2tCxD"
    "hbTSZpp5MXfUqesKOycYq3uqRMHz6Aprc5qfvqALwQ6B+69ddbmQXcQNFZThYCGy0nLUN5"
    "2+uGKb6y203UpOzumZTdba3g3UzerJKya5I3+x5+NlE8k7y5azd+S0tynxFPHHkEWUFaYu"
    "r+oNyVv2xZ2ZPPJmIVFf71KQqETh6Ae8SeEfIA5P9jEwET/9WRLvbQwa7w2K/bjY5nPlGf"
    "wXjmd+uZZ5i5erTfWKAXHNSMr2JY5YxS3qrYWzHMnVJqNOGXqAmb4jV9G3WFepwrXmO0Y6"
    "Mdd1g7Tqiske6Xh1untMlV2EuPwG60rEkMl8J2SCBZbDYkB61aJZNI4qPU5SPd/lUwAIQu"
    "tftXAdf2g2dEwTNmE3nejnT5SxsgpGmoK5rU2XnpobG2i5EnWV35+iZ2xugypKDWmB6U6F"
    "kecfs+Gh61B0l3wMNoG8TbjiF1hOQWp3s1tVg0PrMXq70G0imhPgRIm6YBGCKLIbJ0ewYb"
    "IsuKTbARIguilFAOqqOl2qWl+je7668jYbzKxdB3079Yxats0vxfCs8i6bfQ9CgrRI1n2S"
    "Sjb9FRn3W6beiwzxInugnxSse94rs1CdU7j4k0mvSLKLYne6qU3/DOoMzdD5dtVjn7iwFd"
    "TdvR8pIXEqWVC6eCIh2N3mbe8SaVy1pqURY7xcUKoFw1i42nhEgv/LZp02n4/n0F24m3Kj"
    "Se5L0M3d9XlIIrRjhq3kN0372txHh6W8J4eptnPBXFHop9L8Wxhy1kJXbc/ZJTxLa5mX39"
    "P7mdiUs="
)

import {
  guardRegistration,
  invalidateSession,
  proofOfWorkChallenge,
  registerUser,
  signIn,
} from "@frontrow/core";
import { loginInput, proofOfWorkChallengeInput } from "@frontrow/validators";
import { registerInputRefusingCommon } from "@frontrow/validators/common-passwords";
import { meOutput, okOutput, proofOfWorkChallengeOutput, signedInOutput } from "@frontrow/validators/outputs";
import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";

export const authRouter = {
  register: publicProcedure
    .input(registerInputRefusingCommon)
    .output(signedInOutput)
    .mutation(async ({ ctx, input }) => {
      await guardRegistration(ctx.deps, { ip: ctx.ip, proofOfWork: input.proofOfWork });
      const { user, token, session } = await registerUser(ctx.deps, input);
      ctx.cookies.set(token, session.expiresAt);
      return { user };
    }),
  login: publicProcedure
    .input(loginInput)
    .output(signedInOutput)
    .mutation(async ({ ctx, input }) => {
      const { user, token, session } = await signIn(ctx.deps, { ...input, ip: ctx.ip });
      ctx.cookies.set(token, session.expiresAt);
      return { user };
    }),
  logout: publicProcedure.output(okOutput).mutation(async ({ ctx }) => {
    if (ctx.session) await invalidateSession(ctx.deps, ctx.session.id);
    ctx.cookies.clear();
    return { ok: true as const };
  }),
  me: publicProcedure.output(meOutput).query(({ ctx }) => ctx.user),
  /** A proof-of-work challenge for a sign-up (no event) or a high-demand event's waiting room, when one is needed. */
  challenge: publicProcedure
    .input(proofOfWorkChallengeInput)
    .output(proofOfWorkChallengeOutput)
    .query(({ ctx, input }) => proofOfWorkChallenge(ctx.deps, { eventId: input?.eventId })),
} satisfies TRPCRouterRecord;

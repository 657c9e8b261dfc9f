import { invalidateSession, registerUser, signIn } from "@frontrow/core";
import { loginInput } from "@frontrow/validators";
import { registerInputRefusingCommon } from "@frontrow/validators/common-passwords";
import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";

export const authRouter = {
  register: publicProcedure.input(registerInputRefusingCommon).mutation(async ({ ctx, input }) => {
    const { user, token, session } = await registerUser(ctx.deps, input);
    ctx.cookies.set(token, session.expiresAt);
    return { user };
  }),
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const { user, token, session } = await signIn(ctx.deps, { ...input, ip: ctx.ip });
    ctx.cookies.set(token, session.expiresAt);
    return { user };
  }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.session) await invalidateSession(ctx.deps, ctx.session.id);
    ctx.cookies.clear();
    return { ok: true as const };
  }),
  me: publicProcedure.query(({ ctx }) => ctx.user),
} satisfies TRPCRouterRecord;

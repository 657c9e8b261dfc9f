import { trpc } from "../trpc";

/** The signed-in user (from the session cookie), `null` when signed out, `undefined` while loading. */
export function useSession() {
  const query = trpc.auth.me.useQuery(undefined, { staleTime: 5 * 60_000, retry: 1 });
  return { user: query.data, isLoading: query.isPending, query };
}

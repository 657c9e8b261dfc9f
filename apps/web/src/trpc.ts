import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createWSClient, httpBatchLink, httpLink, splitLink, TRPCClientError, wsLink } from "@trpc/client";
import { createTRPCReact, getQueryKey } from "@trpc/react-query";
import type { AppRouter } from "@frontrow/api";
import { UNBATCHED_QUERIES } from "@frontrow/validators/plain";
import { createElement, useState, type ReactNode } from "react";
import superjson from "superjson";
import { earlySeatMapEvent, seatMapPageEventId } from "./prefetch-seat-map";

/** Typed tRPC hooks for the whole app. */
export const trpc = createTRPCReact<AppRouter>();

function websocketUrl(): string {
  const protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${protocol}//${window.location.host}/trpc`;
}

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    // Client errors (bad input, not found, unauthorized, rate limited…) won't fix themselves.
    if (typeof status === "number" && status < 500) return false;
  }
  return failureCount < 2;
}

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

function createTrpcClient() {
  const wsClient = createWSClient({
    url: websocketUrl,
    // Only open the socket while a subscription needs it.
    lazy: { enabled: true, closeMs: 10_000 },
    // A socket that died without closing (a dropped network, a sleeping laptop) is noticed within seconds, so the
    // map stops saying "Live" and reconnects, instead of waiting for an event that never comes.
    keepAlive: { enabled: true, intervalMs: 5_000, pongTimeoutMs: 2_000 },
  });
  const http = {
    url: "/trpc",
    transformer: superjson,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, credentials: "include" }),
  };
  return trpc.createClient({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: wsLink({ client: wsClient, transformer: superjson }),
        // The server refuses a seat map (and other heavy reads) inside a batch: each goes on its own request.
        false: splitLink({
          condition: (op) => UNBATCHED_QUERIES.includes(op.path),
          true: httpLink(http),
          false: httpBatchLink(http),
        }),
      }),
    ],
  });
}

type EventDetail = Awaited<ReturnType<ReturnType<typeof createTrpcClient>["events"]["byId"]["query"]>>;

/** Provides the tRPC client and the React Query cache to the app. */
export function TrpcProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(createTrpcClient);
  // A seat map waits for its event's details: they are in the cache (or on their way) before the first render,
  // from the request public/early-seat-map.js made, or else asked for now rather than after the first render.
  useState(() => {
    const eventId = seatMapPageEventId(window.location.pathname);
    if (!eventId) return;
    const early = earlySeatMapEvent(eventId);
    const queryKey = getQueryKey(trpc.events.byId, { eventId }, "query");
    if (early?.arrived) {
      queryClient.setQueryData(queryKey, early.arrived.data as EventDetail);
      return;
    }
    const asked = () => trpcClient.events.byId.query({ eventId });
    void queryClient.prefetchQuery({
      queryKey,
      queryFn: early ? () => (early.result as Promise<EventDetail>).catch(asked) : asked,
    });
  });
  return createElement(trpc.Provider, {
    client: trpcClient,
    queryClient,
    children: createElement(QueryClientProvider, { client: queryClient, children }),
  });
}

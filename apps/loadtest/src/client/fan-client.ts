import type { AppRouter } from "@frontrow/api";
import { createTRPCClient, httpLink, type TRPCClient } from "@trpc/client";
import superjson from "superjson";
import { timeoutSignal } from "../util/timeout-signal";

const SESSION_COOKIE = "frontrow_session";
/** httpLink gets a fixed URL; the fetch below swaps in the instance the fan is on now. */
const PLACEHOLDER = "http://frontrow.invalid";

export interface FanAccount {
  email: string;
  password: string;
  userId: string;
}

const CLOSED_CONNECTION = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

function isClosedConnection(error: unknown): boolean {
  for (
    let cause = error, depth = 0;
    cause && depth < 5;
    cause = (cause as { cause?: unknown }).cause, depth++
  ) {
    if (CLOSED_CONNECTION.has(String((cause as { code?: unknown }).code))) return true;
  }
  return false;
}

/**
 * One fan as a real client: tRPC over HTTP (one request per call, superjson), the session cookie kept from
 * Set-Cookie like a browser does, pinned to one server instance and able to move to another (`failover`).
 */
export class FanClient {
  /** Queries sent a second time because the kept-alive connection was closed under them (all fans). */
  static retriedQueries = 0;
  readonly trpc: TRPCClient<AppRouter>;
  private cookie = "";
  userId = "";
  /** How long a request may go unanswered before the fan gives up on it (TIMEOUT). */
  timeoutMs: number;
  /**
   * The client address to claim in X-Forwarded-For, as a reverse proxy in front of Frontrow would (instances
   * with TRUST_PROXY=true take it as the fan's address). Unset: the fan is 127.0.0.1, like every other.
   */
  forwardedFor: string | undefined;

  constructor(
    readonly account: Pick<FanAccount, "email" | "password">,
    private readonly bases: readonly string[],
    private home: number,
    timeoutMs = 15_000,
  ) {
    this.timeoutMs = timeoutMs;
    this.trpc = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${PLACEHOLDER}/trpc`,
          transformer: superjson,
          fetch: async (url, init) => {
            const target = String(url).replace(PLACEHOLDER, this.base);
            const signals = [timeoutSignal(this.timeoutMs), ...(init?.signal ? [init.signal] : [])];
            const send = () =>
              fetch(target, {
                ...(init as RequestInit),
                headers: {
                  ...(init?.headers as Record<string, string>),
                  ...(this.cookie ? { cookie: this.cookie } : {}),
                  ...(this.forwardedFor ? { "x-forwarded-for": this.forwardedFor } : {}),
                },
                signal: AbortSignal.any(signals),
              });
            let response: Response;
            try {
              response = await send();
            } catch (error) {
              // Like a browser, send a query again once when a kept-alive connection turned out to be closed.
              if ((init?.method ?? "GET") !== "GET" || !isClosedConnection(error)) throw error;
              FanClient.retriedQueries++;
              response = await send();
            }
            for (const header of response.headers.getSetCookie()) {
              const [pair] = header.split(";");
              if (pair?.startsWith(`${SESSION_COOKIE}=`)) this.cookie = pair;
            }
            return response;
          },
        }),
      ],
    });
  }

  /** The instance this fan talks to. */
  get base(): string {
    return this.bases[this.home % this.bases.length] as string;
  }

  get instanceIndex(): number {
    return this.home % this.bases.length;
  }

  /** The session token, for WebSocket clients (`connectionParams: { sessionToken }`). */
  get sessionToken(): string | undefined {
    return this.cookie ? this.cookie.slice(SESSION_COOKIE.length + 1) : undefined;
  }

  /** Moves to the next instance (as a load balancer would after a failed request). */
  failover(): void {
    this.home = (this.home + 1) % this.bases.length;
  }

  /** The same signed-in fan on other instances (the session lives in the database: valid on every instance). */
  onInstances(bases: readonly string[]): FanClient {
    const fan = new FanClient(this.account, bases, this.home, this.timeoutMs);
    fan.cookie = this.cookie;
    fan.userId = this.userId;
    return fan;
  }

  async login(): Promise<void> {
    const { user } = await this.trpc.auth.login.mutate({
      email: this.account.email,
      password: this.account.password,
    });
    this.userId = user.id;
  }
}

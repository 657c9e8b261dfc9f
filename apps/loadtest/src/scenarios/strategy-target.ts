import type { HoldTarget } from "./hold-race-load";

/** A request without an answer: too slow, or no connection. */
const noAnswerCode = (error: unknown) => ((error as Error).name === "TimeoutError" ? "TIMEOUT" : "NETWORK");

/** One strategy of the strategy servers, behind the HoldTarget shape; each fan uses "its" instance's server. */
export function strategyTarget(name: string, urls: readonly string[]): HoldTarget {
  const post = async (url: string, payload: unknown) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(15_000),
    });
  return {
    name,
    async hold(fan, eventId, seatIds) {
      try {
        const response = await post(`${urls[fan.instanceIndex % urls.length]}/${name}/hold`, {
          eventId,
          userId: fan.userId,
          seatIds,
        });
        const result = (await response.json()) as { holdId?: string; expiresAt?: number; code?: string };
        if (response.ok && result.holdId)
          return { ok: true, holdId: result.holdId, expiresAt: result.expiresAt ?? 0 };
        return { ok: false, code: result.code ?? `HTTP_${response.status}` };
      } catch (error) {
        return { ok: false, code: noAnswerCode(error) };
      }
    },
    async release(fan, holdId) {
      try {
        const response = await post(`${urls[fan.instanceIndex % urls.length]}/${name}/release`, {
          holdId,
          userId: fan.userId,
        });
        await response.arrayBuffer();
        return response.ok ? { ok: true } : { ok: false, code: `HTTP_${response.status}` };
      } catch (error) {
        return { ok: false, code: noAnswerCode(error) };
      }
    },
  };
}

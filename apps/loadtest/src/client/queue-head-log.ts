import { createRedis, keys, type QueueHead, type Redis } from "@frontrow/redis";

/**
 * Listens to an event's admission heads, straight from Redis sharded pub/sub as every server instance does: one message
 * per admitter tick with the highest place let in, the total admitted, the line length and the server time.
 * This is the server's own record of who was let in when, to compare with what fans were told.
 */
export class QueueHeadLog {
  readonly heads: QueueHead[] = [];
  private readonly subscriber: Redis;

  private constructor(redisUrl: string) {
    this.subscriber = createRedis(redisUrl, { forSubscriptions: true, options: { maxRetriesPerRequest: 3 } });
  }

  static async listen(redisUrl: string, eventId: string): Promise<QueueHeadLog> {
    const log = new QueueHeadLog(redisUrl);
    const channel = keys.queueChannel(eventId);
    log.subscriber.on("smessage", (from: string, message: string) => {
      if (from === channel) log.heads.push(JSON.parse(message) as QueueHead);
    });
    await log.subscriber.ssubscribe(channel);
    return log;
  }

  /** Server time (epoch ms) of the first tick whose head reached `place`. */
  admittedAt(place: number): number | undefined {
    return this.heads.find((head) => head.head >= place)?.at;
  }

  async close(): Promise<void> {
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}

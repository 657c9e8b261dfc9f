import { describe, expect, it } from "vitest";
import { createPacedDelivery } from "./paced-delivery";

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("paced delivery", () => {
  it("serves a small audience at once", () => {
    const delivery = createPacedDelivery<number>(256);
    const got: number[] = [];
    delivery.deliver([(value) => got.push(value), (value) => got.push(value * 10)], 7);
    expect(got).toEqual([7, 70]);
  });

  it("lets the event loop run between slices of a large audience", async () => {
    const delivery = createPacedDelivery<number>(100);
    const calls: string[] = [];
    const listeners = Array.from({ length: 350 }, (_, i) => () => calls.push(`listener ${i}`));
    delivery.deliver(listeners, 1);
    // Queued after the delivery began: it must run before the delivery ends.
    setImmediate(() => calls.push("other work"));
    expect(calls).toHaveLength(100);
    await settle();
    expect(calls).toHaveLength(351);
    const other = calls.indexOf("other work");
    expect(other).toBeGreaterThan(99);
    expect(other).toBeLessThan(350);
  });

  it("gives every listener every value, in the order the values were delivered", async () => {
    const delivery = createPacedDelivery<number>(64);
    const seen = Array.from({ length: 300 }, () => [] as number[]);
    const listeners = seen.map((own) => (value: number) => own.push(value));
    for (let value = 1; value <= 5; value++) delivery.deliver(listeners, value);
    await settle();
    for (const own of seen) expect(own).toEqual([1, 2, 3, 4, 5]);
  });

  it("drops what is not delivered yet when cleared", async () => {
    const delivery = createPacedDelivery<number>(10);
    let calls = 0;
    delivery.deliver(
      Array.from({ length: 100 }, () => () => calls++),
      1,
    );
    delivery.clear();
    await settle();
    expect(calls).toBe(10);
  });
});

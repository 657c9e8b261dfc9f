import { useEffect, useState } from "react";

/**
 * False until the browser has painted a frame since `ready` became true, then true for good. What the fan needs
 * first (the map) is drawn in that frame; what can wait a frame (the side panel with its forms and lists) is
 * rendered after it, so its rendering, style and layout (a phone spends a few hundred ms on them) do not hold the
 * map back.
 */
export function useAfterFirstPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame's animation callbacks run before its paint; a task queued from one runs after it.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, painted]);
  return painted;
}

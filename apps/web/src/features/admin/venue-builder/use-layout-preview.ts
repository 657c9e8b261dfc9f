import type { RouterOutputs } from "@frontrow/api";
import type { VenueSpec } from "@frontrow/validators";
import { generatedSeatFields, sectionDrawingFields } from "@frontrow/validators/plain";
import { useEffect, useRef, useState } from "react";
import { describeError } from "../../../lib/errors";
import { formatCount } from "../../../lib/format";
import { useDebouncedValue } from "../../../lib/use-debounced-value";
import { trpc } from "../../../trpc";
import type { VenueLayout } from "../layout-model";

type PreviewOutput = RouterOutputs["admin"]["venues"]["preview"];

/** The spec the preview is asked for: the venue's map and sections as the API takes them. */
export type PreviewSpec = Omit<VenueSpec, "address" | "timezone"> & { address?: string; timezone?: string };

export interface LayoutPreview {
  layout: VenueLayout;
  seatCount: number;
  /** Seats (places, for standing areas) per section key. */
  countsByKey: Map<string, number>;
}

/** A generated preview as a drawable layout; sections get the keys of the drafts they came from. */
function toLayout(output: PreviewOutput, keys: readonly string[]): LayoutPreview {
  const countsByKey = new Map<string, number>();
  const sections = output.sections.map((section, index) => {
    const id = keys[index] ?? `preview-${index}`;
    countsByKey.set(id, section.kind === "general_admission" ? section.capacity : section.seats.length);
    return { id, ...sectionDrawingFields(section) };
  });
  const seats = output.sections.flatMap((section, index) =>
    section.seats.map((seat) => ({
      id: `${sections[index]!.id}:${seat.row}:${seat.number}`,
      sectionId: sections[index]!.id,
      ...generatedSeatFields(seat),
    })),
  );
  return {
    layout: {
      venue: {
        id: "preview",
        name: output.name,
        width: output.width,
        height: output.height,
        stage: output.stage,
      },
      sections,
      seats,
    },
    seatCount: output.seatCount,
    countsByKey,
  };
}

/**
 * Generates the layout on the server as the spec changes (once typing pauses), keeping the last good preview
 * on screen while the next one loads or while the spec has an error. `spec` null means "not valid yet".
 */
export function useLayoutPreview(spec: PreviewSpec | null, keys: readonly string[], delayMs = 350) {
  const utils = trpc.useUtils();
  const request = spec ? JSON.stringify({ spec, keys }) : null;
  const debounced = useDebouncedValue(request, delayMs);
  const latest = useRef(0);
  const [preview, setPreview] = useState<LayoutPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The request the preview and error answer. */
  const [answered, setAnswered] = useState<string | null>(null);

  useEffect(() => {
    if (!debounced) return;
    const id = ++latest.current;
    const { spec: body, keys: bodyKeys } = JSON.parse(debounced) as { spec: PreviewSpec; keys: string[] };
    utils.client.admin.venues.preview
      .mutate({ address: "", timezone: "UTC", ...body })
      .then(
        (output) => {
          if (id !== latest.current) return;
          setPreview(toLayout(output, bodyKeys));
          setError(null);
        },
        (failure: unknown) => {
          if (id !== latest.current) return;
          const info = describeError(failure);
          setError(
            info.network
              ? "We couldn't reach Frontrow to draw the preview. Check your connection."
              : info.message,
          );
        },
      )
      .finally(() => {
        if (id === latest.current) setAnswered(debounced);
      });
  }, [debounced, utils]);

  // While the form has its own errors, they say more than the last server answer.
  return {
    preview,
    error: request === null ? null : error,
    loading: request !== null && answered !== request,
  };
}

/** "1,234 seats · 500 standing places" for a generated layout. */
export function layoutSummary(preview: LayoutPreview | null): string {
  if (!preview) return "";
  const standing = preview.layout.sections
    .filter((section) => section.kind === "general_admission")
    .reduce((sum, section) => sum + section.capacity, 0);
  const parts = [`${formatCount(preview.seatCount)} ${preview.seatCount === 1 ? "seat" : "seats"}`];
  if (standing > 0) parts.push(`${formatCount(standing)} standing`);
  parts.push(
    `${preview.layout.sections.length} ${preview.layout.sections.length === 1 ? "section" : "sections"}`,
  );
  return parts.join(" · ");
}

import { useState } from "react";
import type { Category } from "../lib/categories";

const ICONS: Record<Category, string> = {
  concert:
    "M15 29V11l14-3v18M15 29a3.5 3.5 0 1 1-7 0 3.5 3.5 0 0 1 7 0zM29 26a3.5 3.5 0 1 1-7 0 3.5 3.5 0 0 1 7 0z",
  sports:
    "M20 6a14 14 0 1 1 0 28 14 14 0 0 1 0-28zM6.5 17c5 2 10 2 13.5 0s9-2 13.5 0M12 31c2-6 2-14-2-21M28 31c-2-6-2-14 2-21",
  theatre: "M9 9h22v9a11 11 0 0 1-22 0zM14.5 16h3M22.5 16h3M15 22.5c3 2.5 7 2.5 10 0",
  comedy: "M15 8a5 5 0 0 1 10 0v9a5 5 0 0 1-10 0zM10 16a10 10 0 0 0 20 0M20 26v7M14 33h12",
  family: "M20 6l4.3 8.8 9.7 1.4-7 6.8 1.7 9.6L20 28l-8.7 4.6 1.7-9.6-7-6.8 9.7-1.4z",
  festival: "M6 33 20 9l14 24zM20 9v24M14 33l6-9 6 9M20 9V4l6 2.2L20 8.4",
};

/** Event artwork: the image when there is one, otherwise a generated poster in the category's colours. */
export function EventArt({
  imageUrl,
  category,
  seed,
  className,
}: {
  imageUrl: string | null;
  category: Category;
  seed: string;
  className?: string;
}) {
  const [failed, setFailed] = useState(false);
  const classes = `event-art event-art--${category} ${className ?? ""}`;
  if (imageUrl && !failed) {
    return (
      <div className={classes}>
        <img src={imageUrl} alt="" loading="lazy" decoding="async" onError={() => setFailed(true)} />
      </div>
    );
  }
  // A stable tilt per event so a grid of posters doesn't look copy-pasted.
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  const angle = 110 + (Math.abs(hash) % 80);
  return (
    <div className={classes} style={{ ["--art-angle" as string]: `${angle}deg` }} aria-hidden="true">
      <svg className="event-art__icon" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
        <path
          d={ICONS[category]}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      </svg>
    </div>
  );
}

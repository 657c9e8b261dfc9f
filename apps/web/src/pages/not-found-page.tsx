import { Link } from "react-router";

/** 404 for unknown routes (and, with other words, for unknown events). */
export function NotFoundPage({
  title = "Page not found",
  message = "The page you were looking for doesn't exist or has moved.",
}: {
  title?: string;
  message?: string;
}) {
  return (
    <div className="container not-found">
      <title>{`${title} · Frontrow`}</title>
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 className="not-found__title">{title}</h1>
      <p className="not-found__message">{message}</p>
      <Link to="/" className="button button--primary">
        Browse events
      </Link>
    </div>
  );
}

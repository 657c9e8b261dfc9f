/** A seat's attributes as small labelled badges, in the selection panel and at checkout. */
export function SeatAttributeBadges({ words }: { words: readonly string[] }) {
  return (
    <span className="seat-attributes">
      {words.map((word) => (
        <span key={word} className={`seat-attribute${word === "Wheelchair space" ? " seat-attribute--wheelchair" : ""}`}>
          {word}
        </span>
      ))}
    </span>
  );
}

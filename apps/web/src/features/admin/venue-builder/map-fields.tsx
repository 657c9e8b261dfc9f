import { DraftTextField } from "./draft-text-field";

/** The map's size and the stage rectangle, as typed. */
export interface MapDraft {
  width: string;
  height: string;
  stage: boolean;
  stageX: string;
  stageY: string;
  stageWidth: string;
  stageHeight: string;
}

type MapField = Exclude<keyof MapDraft, "stage">;
export type MapErrors = Partial<Record<MapField, string>>;

export const DEFAULT_MAP: MapDraft = {
  width: "90",
  height: "60",
  stage: true,
  stageX: "30",
  stageY: "4",
  stageWidth: "30",
  stageHeight: "7",
};

/** The map's width, height and stage path, or the errors to show beside the fields. */
export function readMapDraft(map: MapDraft): {
  value: { width: number; height: number; stage: string } | null;
  errors: MapErrors;
} {
  const errors: MapErrors = {};
  const read = (field: MapField, min: number, message: string) => {
    const raw = map[field].trim();
    const value = Number(raw);
    if (raw === "" || !Number.isFinite(value)) errors[field] = "Enter a number";
    else if (value < min || value > 10_000) errors[field] = message;
    return value;
  };
  const width = read("width", 1, "From 1 to 10,000 map units");
  const height = read("height", 1, "From 1 to 10,000 map units");
  let stage = "";
  if (map.stage) {
    const x = read("stageX", 0, "From 0 to 10,000");
    const y = read("stageY", 0, "From 0 to 10,000");
    const w = read("stageWidth", 0.1, "Above 0");
    const h = read("stageHeight", 0.1, "Above 0");
    stage = `M${x} ${y}H${x + w}V${y + h}H${x}Z`;
  }
  return { value: Object.keys(errors).length === 0 ? { width, height, stage } : null, errors };
}

/** Map size and stage: the frame every section is placed in. */
export function MapFields({
  map,
  errors,
  onChange,
}: {
  map: MapDraft;
  errors: MapErrors;
  onChange: (patch: Partial<MapDraft>) => void;
}) {
  const bound = { draft: map, errors, onChange };
  const field = (name: MapField, label: string, hint?: string) => (
    <DraftTextField label={label} name={name} inputMode="decimal" hint={hint} {...bound} />
  );
  return (
    <div className="map-fields">
      <div className="map-fields__grid">
        {field("width", "Map width", "Map units: seats are 1 apart, rows 1.6")}
        {field("height", "Map height")}
      </div>
      <label className="map-fields__check">
        <input
          type="checkbox"
          checked={map.stage}
          onChange={(event) => onChange({ stage: event.target.checked })}
        />
        Draw a stage
      </label>
      {map.stage ? (
        <div className="map-fields__grid">
          {field("stageX", "Stage left (x)")}
          {field("stageY", "Stage top (y)")}
          {field("stageWidth", "Stage width")}
          {field("stageHeight", "Stage height")}
        </div>
      ) : null}
    </div>
  );
}

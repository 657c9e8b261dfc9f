import { MAP_COLORS, type SeatStatusColors } from "../../seat-map/render-seat-map";

/** The organizers' live map tells apart what fans see as one grey; blocked seats keep that grey. */
export const SEAT_STATUS_COLORS: SeatStatusColors = {
  held: "#e39b16",
  sold: "#3b3754",
  blocked: MAP_COLORS.taken,
};
